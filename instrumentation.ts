// Runs once when the server starts, before it serves a request: a bad setting stops the app here
// with a message naming the variable, instead of failing on the first request that needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("@/lib/server/boot");
  boot();
}
