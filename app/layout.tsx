import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";
import { NONCE_HEADER } from "@/lib/security-headers";

export const metadata: Metadata = {
  title: { default: "Steadystate", template: "%s · Steadystate" },
  description: "SLOs, error budgets, burn-rate alerts, breakers, replication lag, FMEA and blameless postmortems.",
};

// Sets the theme before first paint so a dark-mode user never sees a white flash.
const themeScript = `(function(){try{var t=localStorage.getItem("steadystate-theme");if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){}})()`;

// Reading the request's nonce renders every page per request, which the CSP needs (README
// "Audit log and security"): a page built ahead of time could not carry that request's nonce.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
