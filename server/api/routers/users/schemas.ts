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
