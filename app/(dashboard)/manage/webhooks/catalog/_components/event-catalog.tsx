// The catalog as a person reads it. Server-rendered: nothing on it changes while it is open.
import { exampleEnvelope } from "@/server/webhooks/example-envelope";
import { HorizontalScroll } from "@/components/ui/table";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { groupEventTypes } from "../../_components/event-groups";
import { schemaFields, type JsonSchema, type SchemaField } from "./schema-fields";

export interface CatalogEvent {
  event_type: string;
  api_version: string;
  description: string;
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
}

const anchor = (type: string) => `event-${type}`;

export function EventCatalog({ events }: { events: CatalogEvent[] }) {
  const groups = groupEventTypes(events.map((e) => e.event_type));
  return (
    <div className="space-y-6">
      <Card aria-labelledby="envelope-title">
        <CardHeader id="envelope-title" title="What a delivery looks like" />
        <div className="space-y-3 px-5 py-4 text-sm text-slate-600">
          <p>
            Each event arrives as an HTTPS <code className="font-mono text-slate-800">POST</code> with a JSON body, the envelope:{" "}
            <code className="font-mono text-slate-800">event_id</code> (the same on every retry: deduplicate on it),{" "}
            <code className="font-mono text-slate-800">event_type</code>, <code className="font-mono text-slate-800">api_version</code>,{" "}
            <code className="font-mono text-slate-800">timestamp</code> (Unix seconds of this attempt),{" "}
            <code className="font-mono text-slate-800">nonce</code> (unique per attempt) and <code className="font-mono text-slate-800">data</code>,
            whose fields each event type lists below.
          </p>
          <p>
            Before trusting a body, check <code className="font-mono text-slate-800">X-Valara-Signature: sha256=&lt;hex&gt;</code>, the
            HMAC-SHA256 of the exact body with your endpoint&apos;s secret; reject a timestamp more than 5 minutes off and a nonce seen in the
            last 10 minutes. Within an <code className="font-mono text-slate-800">api_version</code> fields are only ever added.
          </p>
          <p>
            Integrators read the same catalog from <code className="font-mono text-slate-800">GET /api/v1/webhooks/events</code> (scope{" "}
            <code className="font-mono text-slate-800">webhooks:read</code>).
          </p>
        </div>
      </Card>

      <nav aria-label="Event types" className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
        <div className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
          {groups.map((group) => (
            <div key={group.label}>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{group.label}</p>
              <ul className="mt-1.5 space-y-1">
                {group.types.map((type) => (
                  <li key={type}>
                    <a href={`#${anchor(type)}`} className="font-mono text-sm text-brand-700 hover:underline">
                      {type}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>

      {events.map((event) => (
        <EventCard key={event.event_type} event={event} />
      ))}
    </div>
  );
}

function EventCard({ event }: { event: CatalogEvent }) {
  const titleId = `${anchor(event.event_type)}-title`;
  const fields = schemaFields(event.schema as JsonSchema);
  return (
    <Card id={anchor(event.event_type)} aria-labelledby={titleId} className="scroll-mt-6">
      <CardHeader
        id={titleId}
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{event.event_type}</span>
            <Badge tone="gray">api_version {event.api_version}</Badge>
          </span>
        }
        description={event.description}
      />
      <div className="grid gap-0 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:divide-x xl:divide-slate-200">
        <div className="min-w-0">
          <h3 className="px-5 pt-4 text-sm font-medium text-slate-900">
            Fields of <code className="font-mono">data</code>
          </h3>
          <FieldsTable fields={fields} label={`Fields of ${event.event_type}`} />
        </div>
        <div className="min-w-0 border-t border-slate-200 px-5 py-4 xl:border-t-0">
          <h3 className="text-sm font-medium text-slate-900">Example delivery body</h3>
          {/* Focusable, so that a keyboard can scroll a long example (axe: scrollable-region-focusable). */}
          <pre
            tabIndex={0}
            role="region"
            aria-label={`Example of ${event.event_type}`}
            className="mt-2 focus-visible:outline-2 focus-visible:outline-brand-600 max-h-[32rem] overflow-auto rounded-lg bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100"
          >
            {JSON.stringify(exampleEnvelope(event), null, 2)}
          </pre>
        </div>
      </div>
    </Card>
  );
}

function FieldsTable({ fields, label }: { fields: SchemaField[]; label: string }) {
  return (
    <HorizontalScroll label={label} className="mt-2">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <th scope="col" className="px-5 py-2">Field</th>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Required</th>
            <th scope="col" className="px-3 py-2">Nullable</th>
            <th scope="col" className="px-3 py-2">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((field) => (
            <tr key={field.path} className="align-baseline">
              <th scope="row" className="whitespace-nowrap py-2 pr-3 text-left font-normal" style={{ paddingLeft: `${1.25 + field.depth * 1.25}rem` }}>
                {field.depth > 0 && (
                  <span aria-hidden="true" className="mr-1 text-slate-300">
                    └
                  </span>
                )}
                <code className="font-mono text-slate-900" title={field.path}>
                  {field.name}
                </code>
              </th>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-violet-700">
                {field.type}
                {field.format && <span className="text-slate-500"> ({field.format})</span>}
              </td>
              <td className="px-3 py-2 text-slate-700">{field.required ? "Yes" : "No"}</td>
              <td className="px-3 py-2 text-slate-700">{field.nullable ? "Yes" : "No"}</td>
              <td className="px-3 py-2 text-slate-600">
                {field.description}
                {field.values && (
                  <span className="block text-xs text-slate-500">
                    {field.values.length === 1 ? "Always " : "One of "}
                    {field.values.map((value, i) => (
                      <span key={String(value)}>
                        {i > 0 && ", "}
                        <code className="font-mono text-slate-700">{JSON.stringify(value)}</code>
                      </span>
                    ))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </HorizontalScroll>
  );
}
