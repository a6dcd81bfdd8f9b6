"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/slos", label: "SLOs" },
  { href: "/services", label: "Services" },
  { href: "/breakers", label: "Breakers" },
  { href: "/replication", label: "Replication" },
  { href: "/postmortems", label: "Postmortems" },
  { href: "/fmea", label: "FMEA" },
  { href: "/settings", label: "Settings" },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function Nav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={isActive(pathname, item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
