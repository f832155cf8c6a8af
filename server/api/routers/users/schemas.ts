import { z } from "zod";
import { AGENCY_ROLES } from "../../../auth/scopes";
import { PageQuerySchema, pageOf } from "../shared-schemas";
import { EmailSchema, PasswordSchema } from "../../../agencies/schemas";

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

export const UserIdInput = z.object({ id: z.string().regex(/^user_[0-9A-Z]{26}$/, "must be a user id") });

export const ChangeUserRoleInput = UserIdInput.extend({ role: z.enum(AGENCY_ROLES) });

/** A user as the people screen manages them (deactivated users included). */
export const ManagedUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(AGENCY_ROLES),
  deactivated_at: z.string().nullable(),
});

export const PersonSchema = ManagedUserSchema.extend({
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  created_at: z.string(),
});

// --- Adding people, teams, self-service (dashboard-only) ---------------------------------------

const PersonName = z.string().trim().min(1, "enter a name").max(200);
export const TeamIdSchema = z.string().regex(/^team_[0-9A-Z]{26}$/, "must be a team id");

/** "Add person": a password the manager sets, or none (Valara generates one, shown once). */
export const AddPersonInput = z.object({
  name: PersonName,
  email: EmailSchema,
  role: z.enum(AGENCY_ROLES),
  team_id: TeamIdSchema.nullable().optional(),
  password: PasswordSchema.nullable().optional(),
});
export type AddPersonInput = z.infer<typeof AddPersonInput>;

export const AddedPersonSchema = z.object({
  user: PersonSchema,
  /** The generated first password, only when none was set; shown once. */
  generated_password: z.string().nullable(),
});

export const MoveToTeamInput = z.object({ user_id: UserIdInput.shape.id, team_id: TeamIdSchema.nullable() });
export const MovedToTeamSchema = z.object({ user_id: z.string(), name: z.string(), team: z.object({ id: z.string(), name: z.string() }).nullable() });

export const UpdateProfileInput = z.object({ name: PersonName });
export const ProfileSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ChangePasswordInput = z
  .object({ current_password: z.string().min(1, "enter your current password").max(200), new_password: PasswordSchema })
  .refine((input) => input.new_password !== input.current_password, { path: ["new_password"], message: "must differ from your current password" });
