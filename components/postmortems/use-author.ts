"use client";
import { useEffect, useState } from "react";

const KEY = "steadystate.author";

/** Who is writing, remembered in this browser until accounts exist (README "Postmortems"). */
export function useAuthor(): [string, (name: string) => void] {
  const [name, setName] = useState("");
  useEffect(() => setName(window.localStorage.getItem(KEY) ?? ""), []);
  const set = (value: string) => {
    setName(value);
    window.localStorage.setItem(KEY, value);
  };
  return [name, set];
}
