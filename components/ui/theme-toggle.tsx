"use client";

import { useEffect, useState } from "react";

type Theme = "light" | "dark";
const STORAGE_KEY = "steadystate-theme";

export function ThemeToggle() {
  // Starts unknown: the real theme was set on <html> before hydration by the layout's script.
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
  }, []);

  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    localStorage.setItem(STORAGE_KEY, next);
    setTheme(next);
  }

  const target = theme === "dark" ? "light" : "dark";
  return (
    <button type="button" className="button" onClick={toggle} aria-label={`Switch to ${target} theme`} disabled={theme === null}>
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span> {target === "dark" ? "Dark" : "Light"} theme
    </button>
  );
}
