// A plain GET form: the filters live in the URL (shareable, back button works) without script.
// The range parameters ride along as hidden fields so filtering keeps the chosen range.
export function BreakerFilters({ services, current, keep }: { services: string[]; current: { service?: string; state?: string; dependency?: string }; keep: Record<string, string> }) {
  return (
    <form method="get" className="breaker-filters card" aria-label="Filter breakers">
      {Object.entries(keep).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <label>
        Service{" "}
        <select name="service" defaultValue={current.service ?? ""}>
          <option value="">All services</option>
          {services.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        Dependency <input name="dependency" defaultValue={current.dependency ?? ""} placeholder="any" size={14} />
      </label>
      <label>
        State{" "}
        <select name="state" defaultValue={current.state ?? ""}>
          <option value="">Any state</option>
          <option value="open">Open</option>
          <option value="half-open">Half-open</option>
          <option value="closed">Closed</option>
          <option value="unknown">No data</option>
        </select>
      </label>
      <button type="submit" className="button">Apply filters</button>
    </form>
  );
}
