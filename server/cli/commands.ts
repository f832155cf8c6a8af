// The CLI's commands: parse flags into the same zod inputs the app uses, call the domain.
import type { Database } from "../db/client";
import { userInfo } from "node:os";
import { agencyScope as scopeOf } from "../db/tenant";
import type { EventActor } from "../webhooks/actor";
import { CreateAgencyInput, CreateUserInput } from "../agencies/schemas";
import { createAgency, createUser, findAgencyBySlugOrId, listAgencies } from "../agencies/agencies";
import { findApiKeyAgency, listApiKeys, mintApiKey, revokeApiKey, rotateApiKey, setApiKeyDisabled } from "../api-keys/api-keys";
import { CreateApiKeyInput } from "../api/routers/api-keys/schemas";
import { SCOPES } from "../auth/scopes";
import { scheduleShoot } from "../shoots/schedule-shoot";
import { completeShoot } from "../shoots/shoots";
import { ShootIdSchema } from "../api/routers/shoots/schemas";
import { createPackage } from "../packages/packages";
import { sendInvoice, syncInvoice } from "../orders/invoices";
import { configuredSquare } from "../square/config";
import { AppError, notFound } from "../errors";
import { createDenial, liftDenial, listDenials, type DenialKind } from "../access/denials";
import { listOverrides, removeOverride, setOverride } from "../rate-limit/overrides";
import { parseWeekdays } from "../scheduling/calendar";
import { AddBlockInput, PhotographerInput, SetHoursInput, UpdateSettingsInput } from "../api/routers/scheduling/schemas";
import {
  addBlockedTime,
  addPhotographer,
  getSchedulingSettings,
  listBlockedTime,
  removeBlockedTime,
  removePhotographer,
  setBusinessHours,
  updateSchedulingSettings,
} from "../scheduling/settings";

export class UsageError extends Error {}

/** What the CLI's changes are recorded as in listing histories: the operator, by their OS login. */
const CLI_OPERATOR: EventActor = { kind: "cli", id: operatorLogin(), display: operatorLogin() ?? "" };

function operatorLogin(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null; // no passwd entry (some containers)
  }
}

export const USAGE = `Usage: npm run cli -- <command> [options]

  agency create --slug <slug> --name <name> --kind media_agency|broker --owner-email <email>
                [--owner-name <name>] [--owner-password <password>]
  agency list
  user create --agency <slug> --email <email> --name <name>
              --role owner|team_member|agent|assistant|viewer [--team <name>] [--password <password>]
  user create --email <email> --name <name> --role super_admin|admin [--password <password>]
  package create --agency <slug> --code <code> --name <name> --duration-minutes N --price-cents N
                 [--kind package|add_on] [--currency USD]
  key create --agency <slug> --name <name> [--scopes a,b|all] [--expires-in-days N]
  key list --agency <slug>
  key revoke <key id>
  key disable <key id>        switch a key off (401 api_key_disabled); key enable <key id> switches it on again
  key rotate <key id> [--grace-days 0-30]   a new key (shown once); the old one works for the grace (default 7), then stops
  deny add --key <key id> | --agency <slug> | --ip <address or CIDR> --reason <text> [--expires-in-hours N]
           (403 access_denied on /api/v1 until lifted or expired; every process within 5 seconds)
  deny list [--all]           (--all: lifted and expired rules too)
  deny lift <denial id>
  override set --key <key id> | --agency <slug> --budget <name> --limit N   (per 60 s; an agency's is its ceiling)
  override list
  override remove --key <key id> | --agency <slug> --budget <name>
  shoot schedule --listing <listing number> --at <ISO 8601 time> [--duration-minutes 90] [--photographer <user id>]
                 (an operator override: books without any availability check; the API's
                 POST /listings/{n}/shoots books only free slots)
  shoot complete <shoot id>   mark a scheduled shoot that has started completed (sends shoot.completed)
  invoice send --order <order id>     create the order's invoice at Square and publish it (Square emails the client)
  invoice sync --order <order id>     read the invoice's state back from Square
  schedule settings --agency <slug> [--timezone America/Denver] [--travel-buffer-minutes 30]
                    [--minimum-notice-minutes 1440] [--slot-interval-minutes 30]
                    (without options: shows the settings, hours and photographers)
  schedule hours --agency <slug> --days mon-fri --open 08:00 --close 18:00
  schedule hours --agency <slug> --days sun --closed
  photographer add --agency <slug> --user <email or user id> --days tue-sat
  photographer remove --agency <slug> --user <email or user id>
  block add --agency <slug> [--photographer <email or user id>] --from <date or ISO time> --to <date or ISO time>
            [--reason <text>]   (dates are whole days in the agency's time zone, --to included;
            without --photographer the whole agency is blocked)
  block list --agency <slug> [--all]   (--all: include blocked time that has ended)
  block remove <blocked time id>

Works on DATABASE_URL (PostgreSQL) or, without it, on the embedded database in DATA_DIR (.data),
which a running server holds: stop it first. The last line of stdout is one JSON object.
Without a password, accounts get a generated one, printed once in the JSON.
`;

type Values = Record<string, string | boolean | undefined>;

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

const optional = (values: Values, name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);

/** --days mon-fri (names, numbers, ranges, lists) as ISO weekdays. */
function weekdays(values: Values): number[] {
  const parsed = parseWeekdays(required(values, "days"));
  if ("error" in parsed) throw new AppError("validation_failed", `--days: ${parsed.error}`, [{ field: "days", message: parsed.error }]);
  return parsed.days;
}

function integer(values: Values, name: string): number | undefined {
  const raw = optional(values, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number`);
  return Number(raw);
}

async function agencyScope(open: () => Promise<Database>, values: Values) {
  const { prisma } = await open();
  const agency = await findAgencyBySlugOrId(prisma, required(values, "agency"));
  return { agency, scope: scopeOf(prisma, agency.id, CLI_OPERATOR) };
}

export async function runCommand(positionals: string[], values: Values, open: () => Promise<Database>): Promise<unknown> {
  const [group, action, ...rest] = positionals;
  const command = `${group ?? ""} ${action ?? ""}`.trim();
  switch (command) {
    case "agency create": {
      const input = CreateAgencyInput.parse({
        slug: required(values, "slug"),
        name: required(values, "name"),
        kind: required(values, "kind"),
        owner_email: required(values, "owner-email"),
        owner_name: optional(values, "owner-name"),
        owner_password: optional(values, "owner-password"),
      });
      const { prisma } = await open();
      const created = await createAgency(prisma, input);
      process.stderr.write(`created agency ${created.agency.slug} (${created.agency.id}) with owner ${created.owner.email}\n`);
      return {
        agency: created.agency,
        owner: created.owner,
        ...(created.generatedPassword ? { owner_password: created.generatedPassword } : {}),
      };
    }
    case "agency list": {
      const { prisma } = await open();
      return { agencies: await listAgencies(prisma) };
    }
    case "user create": {
      const input = CreateUserInput.parse({
        agency: optional(values, "agency"),
        email: required(values, "email"),
        name: required(values, "name"),
        role: required(values, "role"),
        password: optional(values, "password"),
        team: optional(values, "team"),
      });
      const { prisma } = await open();
      const created = await createUser(prisma, input, CLI_OPERATOR);
      process.stderr.write(`created ${created.user.role} ${created.user.email} (${created.user.id})\n`);
      return {
        user: { id: created.user.id, email: created.user.email, name: created.user.name, role: created.user.role, agency: created.agency?.slug ?? null },
        ...(created.generatedPassword ? { password: created.generatedPassword } : {}),
      };
    }
    case "package create": {
      const { prisma } = await open();
      const agency = await findAgencyBySlugOrId(prisma, required(values, "agency"));
      const pkg = await createPackage(
        scopeOf(prisma, agency.id, CLI_OPERATOR),
        {
          code: required(values, "code"),
          name: required(values, "name"),
          kind: optional(values, "kind") as "package" | "add_on" | undefined, // validated by the schema
          duration_minutes: integer(values, "duration-minutes") ?? Number.NaN,
          price_cents: integer(values, "price-cents") ?? Number.NaN,
          currency: optional(values, "currency"),
        },
      );
      process.stderr.write(`created package ${pkg.code} for ${agency.slug}\n`);
      return {
        package: { id: pkg.id, code: pkg.code, name: pkg.name, kind: pkg.kind, duration_minutes: pkg.durationMinutes, price_cents: pkg.priceCents, currency: pkg.currency, agency: agency.slug },
      };
    }
    case "key create": {
      const scopesFlag = optional(values, "scopes") ?? "all";
      const input = CreateApiKeyInput.parse({
        name: required(values, "name"),
        scopes: scopesFlag === "all" ? [...SCOPES] : scopesFlag.split(",").map((s) => s.trim()).filter(Boolean),
        expires_in_days: integer(values, "expires-in-days"),
      });
      const { prisma } = await open();
      const agency = await findAgencyBySlugOrId(prisma, required(values, "agency"));
      const { apiKey, key } = await mintApiKey(
        scopeOf(prisma, agency.id, CLI_OPERATOR),
        { name: input.name, scopes: input.scopes, expiresInDays: input.expires_in_days },
        { user: null, via: "cli" },
      );
      process.stderr.write(`minted key ${apiKey.id} for ${agency.slug}; the plaintext (field "key") is shown only this once\n`);
      return { api_key: { ...apiKey, agency: agency.slug }, key };
    }
    case "key list": {
      const { prisma } = await open();
      const agency = await findAgencyBySlugOrId(prisma, required(values, "agency"));
      return { agency: agency.slug, api_keys: await listApiKeys(scopeOf(prisma, agency.id, CLI_OPERATOR)) };
    }
    case "key revoke": {
      const id = rest[0];
      if (!id) throw new UsageError("key revoke needs the key id, e.g. key revoke key_01J...");
      const { prisma } = await open();
      const agencyId = await findApiKeyAgency(prisma, id);
      const apiKey = await revokeApiKey(scopeOf(prisma, agencyId, CLI_OPERATOR), id, null);
      process.stderr.write(`revoked ${id}\n`);
      return { api_key: apiKey };
    }
    case "key disable":
    case "key enable": {
      const id = rest[0];
      if (!id) throw new UsageError(`key ${action} needs the key id, e.g. key ${action} key_01J...`);
      const { prisma } = await open();
      const agencyId = await findApiKeyAgency(prisma, id);
      const apiKey = await setApiKeyDisabled(scopeOf(prisma, agencyId, CLI_OPERATOR), id, action === "disable", null);
      process.stderr.write(`${action}d ${id}\n`);
      return { api_key: apiKey };
    }
    case "key rotate": {
      const id = rest[0];
      if (!id) throw new UsageError("key rotate needs the key id, e.g. key rotate key_01J... --grace-days 7");
      const grace = integer(values, "grace-days") ?? 7;
      const { prisma } = await open();
      const agencyId = await findApiKeyAgency(prisma, id);
      const { apiKey, previous, key } = await rotateApiKey(scopeOf(prisma, agencyId, CLI_OPERATOR), id, grace, { user: null, via: "cli" });
      process.stderr.write(`rotated ${id} into ${apiKey.id}; the old key stops at ${previous.expires_at}; the plaintext (field "key") is shown only this once\n`);
      return { api_key: apiKey, previous, key };
    }
    case "deny add": {
      const given = (["key", "agency", "ip"] as const).filter((name) => optional(values, name));
      if (given.length !== 1) throw new UsageError("deny add needs exactly one of --key, --agency, --ip");
      const flag = given[0]!;
      const kind: DenialKind = flag === "key" ? "api_key" : flag;
      const hours = integer(values, "expires-in-hours");
      const { prisma } = await open();
      const denial = await createDenial(
        prisma,
        { kind, subject: required(values, flag), reason: required(values, "reason"), expiresAt: hours ? new Date(Date.now() + hours * 3_600_000) : null },
        { userId: null, via: "cli" },
      );
      process.stderr.write(`denied ${kind} ${denial.subject} (${denial.id})\n`);
      return { denial };
    }
    case "deny list": {
      const { prisma } = await open();
      return { denials: await listDenials(prisma, { all: values.all === true }) };
    }
    case "deny lift": {
      const id = rest[0];
      if (!id) throw new UsageError("deny lift needs the denial id, e.g. deny lift deny_01J...");
      const { prisma } = await open();
      return { denial: await liftDenial(prisma, id) };
    }
    case "override set":
    case "override remove": {
      const given = (["key", "agency"] as const).filter((name) => optional(values, name));
      if (given.length !== 1) throw new UsageError(`override ${action} needs exactly one of --key, --agency`);
      const kind = given[0]!;
      const subject = { kind, subject: required(values, kind), budget: required(values, "budget") };
      const { prisma } = await open();
      if (action === "remove") return removeOverride(prisma, subject);
      const limit = integer(values, "limit");
      if (limit === undefined) throw new UsageError("--limit is required");
      return { override: await setOverride(prisma, { ...subject, limit }) };
    }
    case "override list": {
      const { prisma } = await open();
      return { overrides: await listOverrides(prisma) };
    }
    case "shoot schedule": {
      const listingNumber = required(values, "listing").toUpperCase();
      const { prisma } = await open();
      const tour = await prisma.tour.findUnique({ where: { listingNumber }, select: { agencyId: true } });
      if (!tour) throw notFound("listing", listingNumber);
      const shoot = await scheduleShoot(
        scopeOf(prisma, tour.agencyId, CLI_OPERATOR),
        {
          listing_number: listingNumber,
          starts_at: required(values, "at"),
          duration_minutes: integer(values, "duration-minutes"),
          photographer_id: optional(values, "photographer"),
        },
      );
      process.stderr.write(`scheduled shoot ${shoot.id} on ${listingNumber} at ${shoot.startsAt.toISOString()}\n`);
      return {
        shoot: {
          id: shoot.id,
          listing_number: listingNumber,
          status: shoot.status,
          starts_at: shoot.startsAt.toISOString(),
          ends_at: shoot.endsAt.toISOString(),
          photographer_id: shoot.photographerId,
        },
      };
    }
    case "shoot complete": {
      if (!rest[0]) throw new UsageError("shoot complete needs the shoot id, e.g. shoot complete shoot_01J...");
      const shootId = ShootIdSchema.parse(rest[0]);
      const { prisma } = await open();
      const found = await prisma.shoot.findUnique({ where: { id: shootId }, select: { agencyId: true, tour: { select: { listingNumber: true } } } });
      if (!found) throw notFound("shoot", shootId);
      const shoot = await completeShoot(
        scopeOf(prisma, found.agencyId, CLI_OPERATOR),
        { listing_number: found.tour.listingNumber, shoot_id: shootId },
      );
      process.stderr.write(`completed shoot ${shoot.shoot_id} on ${shoot.listing_number}\n`);
      return { shoot };
    }
    case "invoice send":
    case "invoice sync": {
      const orderId = required(values, "order");
      const { prisma } = await open();
      const order = await prisma.order.findUnique({ where: { id: orderId }, select: { agencyId: true } });
      if (!order) throw notFound("order", orderId);
      const scope = scopeOf(prisma, order.agencyId, CLI_OPERATOR);
      const run = action === "send" ? sendInvoice : syncInvoice;
      const result = await run(scope, orderId, await configuredSquare());
      process.stderr.write(`invoice of ${orderId}: ${result.invoice?.status} (Square ${result.invoice?.square_invoice_id ?? "-"})\n`);
      return { order: result };
    }
    case "schedule settings": {
      const input = UpdateSettingsInput.parse({
        timezone: optional(values, "timezone"),
        travel_buffer_minutes: integer(values, "travel-buffer-minutes"),
        minimum_notice_minutes: integer(values, "minimum-notice-minutes"),
        slot_interval_minutes: integer(values, "slot-interval-minutes"),
      });
      const { agency, scope } = await agencyScope(open, values);
      const changed = Object.values(input).some((v) => v !== undefined);
      const scheduling = changed ? await updateSchedulingSettings(scope, input) : await getSchedulingSettings(scope);
      if (changed) process.stderr.write(`updated the scheduling settings of ${agency.slug}\n`);
      return { agency: agency.slug, scheduling };
    }
    case "schedule hours": {
      const closed = values.closed === true;
      const input = SetHoursInput.parse({ weekdays: weekdays(values), open: optional(values, "open"), close: optional(values, "close"), ...(closed ? { closed } : {}) });
      const { agency, scope } = await agencyScope(open, values);
      const scheduling = await setBusinessHours(scope, input);
      process.stderr.write(`set the hours of ${agency.slug} on weekdays ${input.weekdays.join(",")}${closed ? " to closed" : ""}\n`);
      return { agency: agency.slug, scheduling };
    }
    case "photographer add": {
      const input = PhotographerInput.parse({ user: required(values, "user"), working_days: weekdays(values) });
      const { agency, scope } = await agencyScope(open, values);
      const scheduling = await addPhotographer(scope, input);
      const photographer = scheduling.photographers.find((p) => p.user_id === input.user || p.email === input.user.toLowerCase());
      process.stderr.write(`${photographer?.name ?? input.user} shoots for ${agency.slug} on ${photographer?.working_days_label ?? ""}\n`);
      return { agency: agency.slug, photographer, scheduling };
    }
    case "photographer remove": {
      const { agency, scope } = await agencyScope(open, values);
      const { settings, upcomingShoots } = await removePhotographer(scope, { user: required(values, "user") });
      process.stderr.write(
        `${required(values, "user")} no longer shoots for ${agency.slug}${upcomingShoots ? `; ${upcomingShoots} upcoming shoot(s) are still theirs: reschedule them` : ""}\n`,
      );
      return { agency: agency.slug, upcoming_shoots: upcomingShoots, scheduling: settings };
    }
    case "block add": {
      const input = AddBlockInput.parse({
        photographer: optional(values, "photographer"),
        from: required(values, "from"),
        to: required(values, "to"),
        reason: optional(values, "reason"),
      });
      const { agency, scope } = await agencyScope(open, values);
      const block = await addBlockedTime(scope, input);
      process.stderr.write(`blocked ${block.photographer_name ?? "the whole agency"} from ${block.starts_at} to ${block.ends_at} (${block.id})\n`);
      return { agency: agency.slug, blocked_time: block };
    }
    case "block list": {
      const { agency, scope } = await agencyScope(open, values);
      return { agency: agency.slug, blocked_times: await listBlockedTime(scope, { include_past: values.all === true }) };
    }
    case "block remove": {
      const id = rest[0];
      if (!id) throw new UsageError("block remove needs the blocked time id, e.g. block remove block_01J...");
      const { prisma } = await open();
      const found = await prisma.blockedTime.findUnique({ where: { id }, select: { agencyId: true } });
      if (!found) throw new AppError("not_found", `No blocked time ${id}.`);
      const block = await removeBlockedTime(scopeOf(prisma, found.agencyId, CLI_OPERATOR), id);
      process.stderr.write(`removed blocked time ${id}\n`);
      return { blocked_time: block };
    }
    default:
      throw new UsageError(group ? `unknown command "${command}"` : "no command given");
  }
}
