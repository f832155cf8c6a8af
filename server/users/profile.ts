// Self-service for every signed-in user, platform admins included: their own name and password.
// These touch only the caller's own row, found by the session's user id, so they take the
// platform client (a platform admin belongs to no agency).
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/passwords";

export interface ProfileDto {
  id: string;
  name: string;
  email: string;
}

const sessionGone = () => new AppError("authentication_required", "Sign in to continue.");

export async function updateProfile(prisma: PrismaClient, userId: string, input: { name: string }): Promise<ProfileDto> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) throw sessionGone();
  return prisma.user.update({ where: { id: userId }, data: { name: input.name }, select: { id: true, name: true, email: true } });
}

/**
 * Changes the caller's password after checking the current one (a wrong one is 400 on
 * `current_password`). The session the change is made in stays signed in (sessions carry only the
 * user id); from now on only the new password signs in.
 */
export async function changePassword(prisma: PrismaClient, userId: string, input: { current_password: string; new_password: string }): Promise<{ changed: true }> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, passwordHash: true, disabledAt: true } });
  if (!user || user.disabledAt) throw sessionGone();
  if (!(await verifyPassword(user.passwordHash, input.current_password))) {
    throw new AppError("validation_failed", "current_password: is not your current password", [{ field: "current_password", message: "is not your current password" }]);
  }
  const passwordHash = await hashPassword(input.new_password);
  // Only if the hash is still the one just checked: two changes at once cannot both pass with
  // the same old password.
  const { count } = await prisma.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
  if (count === 0) throw new AppError("conflict", "Your password was changed meanwhile; sign in again with the new one.");
  return { changed: true };
}
