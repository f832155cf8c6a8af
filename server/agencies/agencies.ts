// Agencies and their users, as the operator CLI and platform admins manage them. These act
// across agencies by nature, so they take the platform client, not a tenant-scoped one.
import type { PrismaClient } from "../db/generated/client.ts";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../ids";
import { AppError } from "../errors";
import { hashPassword } from "../auth/passwords";
import type { AgencyRole } from "../auth/scopes";
import { forAgency } from "../db/tenant";
import { createAgencyUser, emailTaken, generatePassword } from "../users/create-user";
import type { EventActor } from "../webhooks/actor";
import type { CreateAgencyInput, CreateUserInput } from "./schemas";


export interface CreatedAgency {
  agency: { id: string; slug: string; name: string; kind: string };
  owner: { id: string; email: string; name: string };
  /** Set when the owner's password was generated. */
  generatedPassword?: string;
}

export async function createAgency(prisma: PrismaClient, input: CreateAgencyInput): Promise<CreatedAgency> {
  const password = input.owner_password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      const agency = await tx.agency.create({
        data: { id: newId("agency"), slug: input.slug, name: input.name, kind: input.kind },
        select: { id: true, slug: true, name: true, kind: true },
      });
      const owner = await tx.user.create({
        data: {
          id: newId("user"),
          agencyId: agency.id,
          email: input.owner_email,
          name: input.owner_name ?? input.owner_email.split("@")[0]!,
          role: "owner",
          passwordHash,
        },
        select: { id: true, email: true, name: true },
      });
      return { agency, owner, ...(input.owner_password ? {} : { generatedPassword: password }) };
    });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) {
      throw new AppError("conflict", `An agency with slug ${input.slug} already exists.`, [{ field: "slug", message: "is already taken" }]);
    }
    if (isUniqueViolation(error, "email")) throw emailTaken(input.owner_email);
    throw error;
  }
}

export async function listAgencies(prisma: PrismaClient) {
  const agencies = await prisma.agency.findMany({
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      createdAt: true,
      _count: { select: { users: true, tours: true, apiKeys: true } },
    },
  });
  return agencies.map((a) => ({
    id: a.id,
    slug: a.slug,
    name: a.name,
    kind: a.kind,
    created_at: a.createdAt.toISOString(),
    users: a._count.users,
    listings: a._count.tours,
    api_keys: a._count.apiKeys,
  }));
}

export async function findAgencyBySlugOrId(prisma: PrismaClient, slugOrId: string) {
  const agency = await prisma.agency.findFirst({
    where: { OR: [{ slug: slugOrId.toLowerCase() }, { id: slugOrId }] },
    select: { id: true, slug: true, name: true, kind: true },
  });
  if (!agency) throw new AppError("agency_not_found", `No agency with slug or id ${slugOrId}.`);
  return agency;
}

/**
 * Creates a user; `actor` (the operator, or a platform admin) is recorded on its user.created
 * event. Agency users go through the same code path as the dashboard's "Add person".
 */
export async function createUser(prisma: PrismaClient, input: CreateUserInput, actor: EventActor) {
  const agency = input.agency ? await findAgencyBySlugOrId(prisma, input.agency) : null;
  if (agency) {
    const { user, generatedPassword } = await createAgencyUser(forAgency(prisma, agency.id), agency.id, actor, {
      email: input.email,
      name: input.name,
      role: input.role as AgencyRole,
      password: input.password ?? null,
      team: input.team ? { name: input.team } : null,
    });
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: agency.id, teamId: user.team?.id ?? null },
      agency,
      ...(generatedPassword ? { generatedPassword } : {}),
    };
  }
  // A platform admin: no agency, so nobody to tell.
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.user.create({
      data: { id: newId("user"), email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true, agencyId: true, teamId: true },
    });
    return { user, agency, ...(input.password ? {} : { generatedPassword: password }) };
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw emailTaken(input.email);
    throw error;
  }
}
