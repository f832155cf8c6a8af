import { z } from "zod";
import { AGENCY_ROLES } from "../../../auth/scopes";
import { PageQuerySchema, pageOf } from "../shared-schemas";

export const ListUsersInput = PageQuerySchema.extend({
  role: z.enum(AGENCY_ROLES).optional().meta({ description: "Only users with this role" }),
});
export type ListUsersInput = z.infer<typeof ListUsersInput>;

export const AgencyUserSchema = z
  .object({
    id: z.string().meta({ example: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EF" }),
    name: z.string(),
    email: z.string(),
    role: z.enum(AGENCY_ROLES),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    created_at: z.string(),
  })
  .meta({ id: "User" });
export type AgencyUserDto = z.infer<typeof AgencyUserSchema>;

export const UserPageSchema = pageOf(AgencyUserSchema, "UserPage");
