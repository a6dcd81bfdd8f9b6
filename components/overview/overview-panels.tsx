import Link from "next/link";
import type { EventRecord } from "@/lib/domain/events";

export type Attention = {
  breakers: { id: string; key: string; state: string; stateSince: string }[] | null;
  clusters: { id: string; name: string; state: string }[] | null;
  overdue: { id: string; title: string; owner: string | null; dueDate: string; postmortem: { id: string; title: string } }[] | null;
};

const ICON: Record<string, string> = { open: "✖", "half-open": "◐", lagging: "▲", stopped: "✖", unreachable: "✖" };
const since = (iso: string, now: Date) => {
  const minutes = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  return minutes < 60 ? `${minutes} min` : minutes < 2880 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} d`;
};

/** A panel whose data could not be read says so and the rest of the page still answers. */
function Unavailable({ what }: { what: string }) {
  return <p className="status" data-state="warning" role="status">{what} could not be read just now; the rest of the page is current.</p>;
}

export function AttentionPanels({ attention, now }: { attention: Attention; now: Date }) {
  const { breakers, clusters, overdue } = attention;
  return (
    <div className="grid overview-panels">
      <section className="card" aria-labelledby="att-breakers">
        <h2 id="att-breakers">Breakers not closed</h2>
        {breakers === null ? <Unavailable what="Breakers" /> : breakers.length === 0 ? <p className="muted">All closed.</p> : (
          <ul className="plain">
            {breakers.map((b) => (
              <li key={b.id}>
                <span className="status" data-state={b.state === "open" ? "danger" : "warning"}><span aria-hidden="true">{ICON[b.state] ?? "•"}</span> {b.state}</span>{" "}
                <Link href={`/breakers/${b.id}`}>{b.key}</Link> <span className="muted">for {since(b.stateSince, now)}</span>
              </li>
            ))}
          </ul>
        )}
        <Link href="/breakers">All breakers</Link>
      </section>
      <section className="card" aria-labelledby="att-replication">
        <h2 id="att-replication">Replication not ok</h2>
        {clusters === null ? <Unavailable what="Replication" /> : clusters.length === 0 ? <p className="muted">Every cluster ok.</p> : (
          <ul className="plain">
            {clusters.map((c) => (
              <li key={c.id}>
                <span className="status" data-state={c.state === "lagging" ? "warning" : "danger"}><span aria-hidden="true">{ICON[c.state] ?? "•"}</span> {c.state}</span>{" "}
                <Link href={`/replication/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        )}
        <Link href="/replication">All clusters</Link>
      </section>
      <section className="card" aria-labelledby="att-actions">
        <h2 id="att-actions">Overdue action items</h2>
        {overdue === null ? <Unavailable what="Action items" /> : overdue.length === 0 ? <p className="muted">Nothing overdue.</p> : (
          <ul className="plain">
            {overdue.slice(0, 6).map((a) => (
              <li key={a.id}>
                <Link href={`/postmortems/${a.postmortem.id}`}>{a.title}</Link>{" "}
                <span className="muted">{a.owner ?? "no owner"}, due {a.dueDate.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        )}
        <Link href="/postmortems/action-items">All action items</Link>
      </section>
    </div>
  );
}

const KIND_LABEL: Record<string, string> = { alert: "Alert", breaker: "Breaker", replication: "Replication", failover: "Failover", postmortem: "Postmortem" };

export function RecentEvents({ events, now }: { events: EventRecord[] | null; now: Date }) {
  return (
    <section className="card" aria-labelledby="recent-events">
      <h2 id="recent-events">Last 24 hours</h2>
      {events === null ? <Unavailable what="Events" /> : events.length === 0 ? (
        <p className="muted">Nothing happened: no alert, breaker, replication or failover changes.</p>
      ) : (
        <table className="data compact">
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Event</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td><time dateTime={e.at} title={e.at}>{since(e.at, now)} ago</time></td>
                <td>{KIND_LABEL[e.kind] ?? e.kind}</td>
                <td>{e.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
