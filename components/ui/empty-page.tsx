import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** A page with nothing to show yet: its header and what to do next. */
export function EmptyPage(props: { title: string; description: string; emptyTitle: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <EmptyState title={props.emptyTitle}>{props.children}</EmptyState>
    </>
  );
}
