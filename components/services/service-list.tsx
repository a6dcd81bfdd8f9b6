import Link from "next/link";
import type { Service } from "@/lib/schemas/service";

export function ServiceList({ services }: { services: Service[] }) {
  return (
    <table className="data">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>{services.length} services</caption>
      <thead>
        <tr><th scope="col">Service</th><th scope="col">Team</th><th scope="col">Description</th></tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <td><Link href={`/services/${s.slug}`}>{s.name}</Link></td>
            <td>{s.team ?? <span className="muted">—</span>}</td>
            <td>{s.description ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
