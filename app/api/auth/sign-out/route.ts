import { signOutSchema } from "@/lib/schemas/accounts";
import { clearedSessionCookie } from "@/lib/server/auth/cookies";
import { sessionToken } from "@/lib/server/auth/guard";
import { principalFromSession } from "@/lib/server/auth/principal";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/http";
import { signOut, signOutEverywhere } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

// public (no session is fine: the cookie is cleared anyway); the wrapper checks the Origin.
// {"everywhere": true} ends every session of the signed-in person, on every device.
export const POST = route({ name: "/api/auth/sign-out", access: "public" }, async ({ req }) => {
  const text = await req.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new AppError("BAD_REQUEST", "body is not valid JSON");
  }
  const { everywhere } = signOutSchema.parse(body);
  const token = sessionToken(req);
  let ended = 0;
  if (token && everywhere) {
    const session = await principalFromSession(token, new Date());
    if (!session) throw new AppError("UNAUTHENTICATED", "not signed in");
    ended = await signOutEverywhere(session.actor.id);
  } else if (token) {
    await signOut(token);
    ended = 1;
  }
  return Response.json({ ended }, { headers: { "set-cookie": clearedSessionCookie(req) } });
});
