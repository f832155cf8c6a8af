// The demo data an empty database gets (embedded default, or SEED_DEMO=1): a platform super_admin,
// a media agency with its owner, a team, two agents, an assistant and a viewer, a broker agency,
// packages, and listings in each state. Everything is created in one transaction.
import type { PrismaClient } from "./generated/client.ts";
import { newId } from "../ids";
import { hashPassword } from "../auth/passwords";
import { generateListingNumber } from "../listings/listing-number";
import { packageOrder } from "../orders/package-order";
import { parseClockTime } from "../scheduling/calendar";

export const DEMO_PASSWORD = "valara-demo-2026";
export const DEMO_AGENCY_SLUG = "northlight";

export const DEMO_ACCOUNTS = [
  { email: "admin@valara.test", role: "super_admin", note: "platform super_admin (mints keys for any agency)" },
  { email: "owner@northlight.test", role: "owner", note: "Northlight Media's owner (API keys page)" },
  { email: "avery.agent@northlight.test", role: "agent", note: "an agent" },
  { email: "viewer@northlight.test", role: "viewer", note: "read-only" },
  { email: "owner@harbor-realty.test", role: "owner", note: "Harbor Realty (broker)'s owner" },
] as const;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0 && (await prisma.agency.count()) === 0;
}

export async function hasDemoData(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.agency.count({ where: { slug: DEMO_AGENCY_SLUG } })) > 0;
}

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const user = (agencyId: string | null, email: string, name: string, role: string, teamId: string | null = null) =>
      tx.user.create({
        data: { id: newId("user"), agencyId, teamId, email, name, role: role as never, passwordHash },
        select: { id: true },
      });

    await user(null, "admin@valara.test", "Sam Support", "super_admin");

    // Northlight Media: a media agency with a full team.
    const northlight = await tx.agency.create({
      data: { id: newId("agency"), slug: DEMO_AGENCY_SLUG, name: "Northlight Media", kind: "media_agency", timezone: "America/Los_Angeles" },
    });
    const crew = await tx.team.create({ data: { id: newId("team"), agencyId: northlight.id, name: "Portland Crew" } });
    const owner = await user(northlight.id, "owner@northlight.test", "Olivia Northlight", "owner");
    const lead = await user(northlight.id, "lead@northlight.test", "Theo Lead", "team_member", crew.id);
    const avery = await user(northlight.id, "avery.agent@northlight.test", "Avery Agent", "agent", crew.id);
    const blake = await user(northlight.id, "blake.agent@northlight.test", "Blake Agent", "agent", crew.id);
    await user(northlight.id, "assistant@northlight.test", "Casey Assistant", "assistant", crew.id);
    await user(northlight.id, "viewer@northlight.test", "Vic Viewer", "viewer");
    const pat = await user(northlight.id, "pat.photo@northlight.test", "Pat Photographer", "team_member", crew.id);

    // Scheduling: open Monday to Friday 8:00-18:00 and Saturday 9:00-14:00 (Portland time);
    // Theo shoots on weekdays, Pat Tuesday to Saturday.
    const weekday = (opens: string, closes: string) => {
      const minutes = (hhmm: string) => {
        const parsed = parseClockTime(hhmm);
        if (parsed === undefined) throw new Error(`seed: not a clock time: ${hhmm}`);
        return parsed;
      };
      return { opensAt: minutes(opens), closesAt: minutes(closes) };
    };
    for (const day of [1, 2, 3, 4, 5]) await tx.businessHours.create({ data: { agencyId: northlight.id, weekday: day, ...weekday("08:00", "18:00") } });
    await tx.businessHours.create({ data: { agencyId: northlight.id, weekday: 6, ...weekday("09:00", "14:00") } });
    await tx.photographer.create({ data: { userId: lead.id, agencyId: northlight.id, workingDays: [1, 2, 3, 4, 5] } });
    await tx.photographer.create({ data: { userId: pat.id, agencyId: northlight.id, workingDays: [2, 3, 4, 5, 6] } });

    const packages = {
      essentials: { code: "essentials", name: "Essentials Photo", durationMinutes: 90, priceCents: 24_900 },
      premium: { code: "premium", name: "Premium Photo + Video", durationMinutes: 150, priceCents: 54_900 },
      luxury: { code: "luxury", name: "Luxury Media Suite", durationMinutes: 240, priceCents: 99_900 },
    };
    const packageIds: Record<string, string> = {};
    for (const pkg of Object.values(packages)) {
      const id = newId("package");
      packageIds[pkg.code] = id;
      await tx.package.create({ data: { id, agencyId: northlight.id, currency: "USD", ...pkg } });
    }
    const addOns = [
      { code: "twilight", name: "Twilight exteriors", durationMinutes: 30, priceCents: 14_900 },
      { code: "drone", name: "Drone aerials", durationMinutes: 30, priceCents: 19_900 },
    ];
    const addOnIds: Record<string, string> = {};
    for (const addOn of addOns) {
      addOnIds[addOn.code] = newId("package");
      await tx.package.create({ data: { id: addOnIds[addOn.code]!, agencyId: northlight.id, currency: "USD", kind: "add_on", ...addOn } });
    }

    const listings = [
      { address: "1421 NW Lovejoy St, Portland, OR 97209", status: "coming_soon", agentOne: avery, pkg: "premium", invoice: "DRAFT", shootInDays: 3 },
      { address: "3310 SE Belmont St, Portland, OR 97214", status: "active", agentOne: avery, agentTwo: blake, pkg: "luxury", addOns: ["twilight", "drone"], invoice: "PAID" },
      { address: "88 N Williams Ave, Portland, OR 97227", status: "sold", agentOne: blake, pkg: "essentials", invoice: "PAID" },
      { address: "2025 NE Alberta St, Portland, OR 97211", status: "off_market", agentOne: lead, pkg: "essentials", invoice: "UNPAID" },
      { address: "500 SW Harbor Way, Portland, OR 97201", status: "cancelled", agentOne: blake, pkg: "premium", invoice: "CANCELED" },
      { address: "7 Mississippi Ave, Portland, OR 97217", status: "coming_soon", agentOne: blake },
    ] as const;

    for (const [index, listing] of listings.entries()) {
      const tourId = newId("tour");
      const createdAt = new Date(now.getTime() - (listings.length - index) * DAY);
      await tx.tour.create({
        data: {
          id: tourId,
          agencyId: northlight.id,
          listingNumber: generateListingNumber(),
          address: listing.address,
          ownerUserId: owner.id,
          agentOneId: listing.agentOne.id,
          agentTwoId: "agentTwo" in listing ? listing.agentTwo.id : null,
          packageId: "pkg" in listing ? packageIds[listing.pkg] : null,
          status: listing.status,
          createdAt,
          statusChangedAt: createdAt,
          cancelledAt: listing.status === "cancelled" ? createdAt : null,
          ...(listing.status === "active"
            ? { matterportId: "SxQL3iGyoDo", matterportUrl: "https://my.matterport.com/show/?m=SxQL3iGyoDo", matterportSetAt: createdAt }
            : {}),
        },
      });
      if ("pkg" in listing) {
        const pkg = packages[listing.pkg];
        const { order, invoice } = packageOrder({
          agencyId: northlight.id,
          tourId,
          pkg: { id: packageIds[pkg.code]!, name: pkg.name, priceCents: pkg.priceCents, currency: "USD" },
          addOns: ("addOns" in listing ? listing.addOns : []).map((code) => {
            const addOn = addOns.find((a) => a.code === code)!;
            return { id: addOnIds[code]!, code, name: addOn.name, priceCents: addOn.priceCents, currency: "USD" };
          }),
          invoiceStatus: listing.invoice,
          createdAt,
        });
        await tx.order.create({ data: order });
        await tx.invoice.create({ data: invoice });
      }
      if ("shootInDays" in listing) {
        const startsAt = new Date(now.getTime() + listing.shootInDays * DAY);
        startsAt.setUTCHours(17, 0, 0, 0);
        // 17:00 UTC is 9:00 or 10:00 in Portland; on a weekday, so that it sits where Theo works.
        while (startsAt.getUTCDay() === 0 || startsAt.getUTCDay() === 6) startsAt.setUTCDate(startsAt.getUTCDate() + 1);
        await tx.shoot.create({
          data: {
            id: newId("shoot"),
            agencyId: northlight.id,
            tourId,
            photographerId: lead.id,
            packageId: "pkg" in listing ? packageIds[listing.pkg] : null,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 150 * 60 * 1000),
          },
        });
      }
    }

    // Harbor Realty: a broker agency, to show that agencies never see each other's data.
    const harbor = await tx.agency.create({
      data: { id: newId("agency"), slug: "harbor-realty", name: "Harbor Realty", kind: "broker", timezone: "America/New_York" },
    });
    const harborOwner = await user(harbor.id, "owner@harbor-realty.test", "Hana Harbor", "owner");
    const harborAgent = await user(harbor.id, "agent@harbor-realty.test", "Hugo Harbor", "agent");
    const harborPackage = newId("package");
    await tx.package.create({
      data: { id: harborPackage, agencyId: harbor.id, code: "listing-basic", name: "Listing Basics", durationMinutes: 60, priceCents: 19_900, currency: "USD" },
    });
    await tx.tour.create({
      data: {
        id: newId("tour"),
        agencyId: harbor.id,
        listingNumber: generateListingNumber(),
        address: "12 Wharf St, Boston, MA 02110",
        ownerUserId: harborOwner.id,
        agentOneId: harborAgent.id,
        packageId: harborPackage,
        status: "active",
      },
    });
  });
}
