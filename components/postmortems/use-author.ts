"use client";
import { useEffect, useState } from "react";
import { useViewer } from "@/components/auth/viewer-context";

const KEY = "steadystate.author";

/** Who is writing: the name typed last in this browser, else the signed-in person's (README "Postmortems"). */
export function useAuthor(): [string, (name: string) => void] {
  const viewer = useViewer();
  const [name, setName] = useState("");
  useEffect(() => setName(window.localStorage.getItem(KEY) || (viewer.demo ? "" : viewer.name)), [viewer.demo, viewer.name]);
  const set = (value: string) => {
    setName(value);
    window.localStorage.setItem(KEY, value);
  };
  return [name, set];
}
