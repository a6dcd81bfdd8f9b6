import Link from "next/link";
import { ActionItemStatus } from "@/components/postmortems/action-item-status";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { actionItemsOverdueFirst } from "@/lib/server/services/postmortem-export";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Action items" };

/** Every postmortem's follow-ups, overdue first: they stay here until done, published or not. */
export default async function ActionItemsPage() {
  await guardPage();
  const items = await actionItemsOverdueFirst(new Date());
  const overdue = items.filter((i) => i.isOverdue).length;
  return (
    <>
      <PageHeader title="Action items" description={`Across all postmortems, overdue first. ${overdue} overdue, ${items.filter((i) => i.status !== "done").length} open.`} actions={<Link className="button" href="/postmortems">Postmortems</Link>} />
      {items.length === 0 ? (
        <EmptyState title="No action items yet"><p>Add them to a postmortem: what will be done, by whom, and by when.</p></EmptyState>
      ) : (
        <table className="data">
          <thead><tr><th scope="col">Action</th><th scope="col">Due</th><th scope="col">Owner</th><th scope="col">Type</th><th scope="col">Postmortem</th><th scope="col">Ticket</th><th scope="col">Reminders</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.title}</th>
                <td>{i.dueDate.slice(0, 10)} {i.isOverdue ? <span className="status" data-state="danger"><span aria-hidden="true">✖</span> overdue</span> : null}</td>
                <td>{i.owner}</td>
                <td>{i.type}</td>
                <td><Link href={`/postmortems/${i.postmortem.id}`}>{i.postmortem.title}</Link> <span className="muted">· {i.postmortem.severity}, {i.postmortem.status}</span></td>
                <td>{i.ticketUrl ? <a href={i.ticketUrl} rel="noreferrer noopener">ticket</a> : "—"}</td>
                <td>{i.reminders ? <Link href="/notifications?kind=reminder">{i.reminders.count} sent, last {i.reminders.last.slice(0, 10)}</Link> : <span className="muted">{i.status === "done" ? "—" : "none yet"}</span>}</td>
                <td><ActionItemStatus id={i.id} status={i.status} title={i.title} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
