import { z } from "zod";
import { EVENT_KINDS } from "@/lib/domain/events";

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z.string().transform((s) => s.split(",").filter(Boolean)).pipe(z.array(item).min(1));

/** `GET /api/events?from=…&to=…[&kind=breaker,failover][&service=a,b][&subject=…]` */
export const eventQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    kind: list(z.enum(EVENT_KINDS)).optional(),
    service: list(z.string().min(1)).optional(),
    subject: list(z.string().min(1)).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .check((ctx) => {
    const { from, to } = ctx.value;
    if (!(from instanceof Date) || !(to instanceof Date)) return;
    if (to <= from) ctx.issues.push({ code: "custom", message: "to must be after from", path: ["to"], input: ctx.value });
  });
