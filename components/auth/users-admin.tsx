"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/ui/api-client";
import type { PublicUser } from "@/lib/schemas/accounts";

const ROLES = ["viewer", "editor", "admin"] as const;

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.issues.length ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : error.message;
  return String(error);
}

/** People, their role per team, and disabling; plus a form to add someone. */
export function UsersAdmin({ users, teams }: { users: PublicUser[]; teams: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [draft, setDraft] = useState({ email: "", name: "", password: "", team: "default", role: "viewer" });
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage({ ok: true, text: done });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    const { team, role, ...rest } = draft;
    void run(() => apiFetch("/api/users", { method: "POST", json: { ...rest, memberships: [{ team: team.trim() || "default", role }] } }), `Added ${draft.email}.`)
      .then(() => setDraft((d) => ({ ...d, email: "", name: "", password: "" })));
  };
  const setRole = (user: PublicUser, team: string, role: string) =>
    run(() => apiFetch(`/api/users/${user.id}`, { method: "PATCH", json: { memberships: user.memberships.map((m) => ({ team: m.team, role: m.team === team ? role : m.role })) } }), `${user.email} is now ${role} in ${team}.`);
  const addTeam = (user: PublicUser, team: string, role: string) =>
    run(() => apiFetch(`/api/users/${user.id}`, { method: "PATCH", json: { memberships: [...user.memberships.filter((m) => m.team !== team).map(({ team, role }) => ({ team, role })), { team, role }] } }), `${user.email} is now ${role} in ${team}.`);
  const setDisabled = (user: PublicUser, disabled: boolean) =>
    run(() => apiFetch(`/api/users/${user.id}`, { method: "PATCH", json: { disabled } }), `${user.email} ${disabled ? "disabled; their sessions ended" : "enabled"}.`);
  return (
    <>
      {message ? <p role={message.ok ? "status" : "alert"} className="status" data-state={message.ok ? "ok" : "danger"}>{message.ok ? "✔" : "✖"} {message.text}</p> : null}
      <table className="data">
        <caption className="muted">{users.length} people</caption>
        <thead><tr><th scope="col">Person</th><th scope="col">Roles by team</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}<div className="muted">{u.email}</div></th>
              <td>
                {u.memberships.map((m) => (
                  <label key={m.team} style={{ display: "block" }}>
                    {m.teamName}{" "}
                    <select aria-label={`Role of ${u.email} in ${m.teamName}`} value={m.role} onChange={(e) => void setRole(u, m.team, e.target.value)}>
                      {ROLES.map((r) => <option key={r}>{r}</option>)}
                    </select>
                  </label>
                ))}
                <AddToTeam user={u} teams={teams} onAdd={(team, role) => void addTeam(u, team, role)} />
              </td>
              <td>{u.disabled ? <span className="status" data-state="muted">⏸ disabled</span> : <span className="status" data-state="ok">✔ active</span>}</td>
              <td><button type="button" className="button" onClick={() => void setDisabled(u, !u.disabled)}>{u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card auth-form" onSubmit={create} aria-label="Add a person" style={{ marginTop: 16 }}>
        <h2 style={{ margin: 0, fontSize: "1.05rem" }}>Add a person</h2>
        <div className="field"><label htmlFor="user-name">Name</label><input id="user-name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></div>
        <div className="field"><label htmlFor="user-email">Email</label><input id="user-email" type="email" required value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} /></div>
        <div className="field"><label htmlFor="user-password">Initial password (12 characters or more; share it privately)</label><input id="user-password" type="password" autoComplete="new-password" required value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} /></div>
        <div className="field"><label htmlFor="user-team">Team</label><input id="user-team" list="user-teams" value={draft.team} onChange={(e) => setDraft({ ...draft, team: e.target.value })} /><datalist id="user-teams">{teams.map((t) => <option key={t} value={t} />)}</datalist></div>
        <div className="field"><label htmlFor="user-role">Role</label><select id="user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></div>
        <button type="submit" className="button primary">Add person</button>
      </form>
    </>
  );
}

/** A membership in one more team (created by its slug on first use). */
function AddToTeam({ user, teams, onAdd }: { user: PublicUser; teams: string[]; onAdd: (team: string, role: string) => void }) {
  const [team, setTeam] = useState("");
  const [role, setRole] = useState("viewer");
  const id = `add-team-${user.id}`;
  return (
    <form className="add-team" onSubmit={(e) => { e.preventDefault(); if (team.trim()) onAdd(team.trim(), role); setTeam(""); }}>
      <input aria-label={`Team to add ${user.email} to`} list={`${id}-teams`} placeholder="team" value={team} onChange={(e) => setTeam(e.target.value)} size={10} />
      <datalist id={`${id}-teams`}>{teams.map((t) => <option key={t} value={t} />)}</datalist>
      <select aria-label={`Role of ${user.email} in the added team`} value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
      <button type="submit" className="button">Add to team</button>
    </form>
  );
}
