"use client";

import { createContext, useContext, type ReactNode } from "react";

/** Who is looking at the page, as the server decided it; the UI hides what their role cannot do. */
export type Viewer = { name: string; role: "viewer" | "editor" | "admin" | null; demo: boolean };

const ViewerContext = createContext<Viewer>({ name: "", role: null, demo: false });

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  return useContext(ViewerContext);
}

/** Editors and admins write SLOs, postmortems and FMEA; the server refuses anyone else regardless. */
export function useCanWrite(): boolean {
  const { role } = useViewer();
  return role === "editor" || role === "admin";
}

export function useCanAdmin(): boolean {
  return useViewer().role === "admin";
}

/** Said where a write control would be, so a viewer knows why it is missing. */
export function ReadOnlyNote({ what }: { what: string }) {
  const { demo } = useViewer();
  return (
    <p className="muted read-only-note" role="note">
      {demo ? "Demo viewer: " : "Your role is viewer: "}
      {what} needs the editor role. <a href="/sign-in">Sign in</a> as an editor to change it.
    </p>
  );
}

/** Write controls for editors and admins; for anyone else, a note saying why they are not there. */
export function WriteGate({ what, children }: { what: string; children: ReactNode }) {
  return useCanWrite() ? <>{children}</> : <ReadOnlyNote what={what} />;
}

/** A write link or button that only editors and admins see (the server refuses the rest anyway). */
export function IfCanWrite({ children }: { children: ReactNode }) {
  return useCanWrite() ? <>{children}</> : null;
}
