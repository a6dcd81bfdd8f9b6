"use client";

export function PrintButton() {
  return <button type="button" className="button pm-no-print" onClick={() => window.print()}>Print</button>;
}
