// Operator-level shapes: agencies and users as the CLI and platform admins create them.
import { z } from "zod";
import { ROLES, type Role } from "../auth/scopes";
import { MIN_PASSWORD_LENGTH } from "../auth/password-policy";

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1-40 lower-case letters, digits and inner hyphens");

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address"));
export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const CreateAgencyInput = z.strictObject({
  slug: SlugSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["media_agency", "broker"]),
  owner_email: EmailSchema,
  owner_name: z.string().trim().min(1).max(200).optional(),
  owner_password: PasswordSchema.optional(),
});
export type CreateAgencyInput = z.infer<typeof CreateAgencyInput>;

export const CreateUserInput = z
  .strictObject({
    agency: SlugSchema.optional(),
    email: EmailSchema,
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    password: PasswordSchema.optional(),
    team: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((input, ctx) => {
    const platform = input.role === "super_admin" || input.role === "admin";
    if (platform && input.agency) ctx.addIssue({ code: "custom", path: ["agency"], message: `a ${input.role} belongs to no agency` });
    if (!platform && !input.agency) ctx.addIssue({ code: "custom", path: ["agency"], message: `a ${input.role} needs an agency` });
    if (platform && input.team) ctx.addIssue({ code: "custom", path: ["team"], message: "platform admins have no team" });
  });
export type CreateUserInput = z.infer<typeof CreateUserInput>;
export type { Role };
