import { z } from "zod";
import { TeamIdSchema } from "../users/schemas";

export const TeamName = z.string().trim().min(1, "enter a name").max(100);

export const TeamSchema = z.object({ id: z.string(), name: z.string(), member_count: z.number().int(), created_at: z.string() });

export const CreateTeamInput = z.object({ name: TeamName });
export const RenameTeamInput = z.object({ id: TeamIdSchema, name: TeamName });
