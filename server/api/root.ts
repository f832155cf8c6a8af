// The one router: the dashboard calls it over /api/trpc, integrators over /api/v1.
import { router } from "./trpc";
import { listingsRouter } from "./routers/listings/router";
import { usersRouter } from "./routers/users/router";
import { apiKeysRouter } from "./routers/api-keys/router";
import { agenciesRouter } from "./routers/agencies/router";
import { sessionRouter } from "./routers/session/router";
import { webhooksRouter } from "./routers/webhooks/router";
import { ordersRouter } from "./routers/orders/router";
import { schedulingRouter } from "./routers/scheduling/router";
import { shootsRouter } from "./routers/shoots/router";
import { mediaRouter } from "./routers/media/router";
import { packagesRouter } from "./routers/packages/router";
import { operatorRouter } from "./routers/operator/router";
import { teamsRouter } from "./routers/teams/router";
import { deliveryRouter } from "./routers/delivery/router";

export const appRouter = router({
  listings: listingsRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  agencies: agenciesRouter,
  session: sessionRouter,
  webhooks: webhooksRouter,
  orders: ordersRouter,
  scheduling: schedulingRouter,
  shoots: shootsRouter,
  media: mediaRouter,
  packages: packagesRouter,
  operator: operatorRouter,
  teams: teamsRouter,
  delivery: deliveryRouter,
});

export type AppRouter = typeof appRouter;
