import Link from "next/link";
import { StateBandChart } from "@/components/charts/state-band-chart";
import { duration } from "@/components/slo/format";
import type { serviceDependencies } from "@/lib/server/services/breakers";
import { BREAKER_BAND_STATES, BreakerStateBadge } from "./breaker-state";

type Dependencies = Awaited<ReturnType<typeof serviceDependencies>>;

/** A service's dependencies, worst breaker state first, each breaker with its band over the range. */
export function DependencyPanel({ dependencies, domain, query }: { dependencies: Dependencies; domain: { from: number; to: number }; query: string }) {
  return (
    <section className="card dependency-panel" aria-labelledby="dependencies-heading">
      <h2 id="dependencies-heading">Dependencies</h2>
      {dependencies.length === 0 ? (
        <p className="muted">No circuit breakers reported for this service. They appear when its resilience4j, opossum, Polly or Envoy metrics arrive, or through <code>POST /api/breakers/events</code>.</p>
      ) : (
        <ul className="dependency-list">
          {dependencies.map((d) => (
            <li key={d.dependency}>
              <h3>{d.dependency} <BreakerStateBadge state={d.state} /></h3>
              {d.breakers.map((b) => (
                <div key={b.id} className="dependency-breaker">
                  <p>
                    <Link href={`/breakers/${b.id}${query}`}>{b.name}</Link>{" "}
                    <BreakerStateBadge state={b.state} />
                    <span className="muted"> · {b.stats.transitions} transitions, {duration(b.stats.openMs + b.stats.halfOpenMs)} open in range{b.isFlapping ? " · flapping" : ""}</span>
                  </p>
                  <StateBandChart title={`${b.name} state`} segments={b.segments} states={BREAKER_BAND_STATES} domain={domain} height={16} />
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
