import { signInSchema } from "@/lib/schemas/accounts";
import { clientAddress } from "@/lib/server/auth/client-address";
import { sessionCookie } from "@/lib/server/auth/cookies";
import { sessionToken } from "@/lib/server/auth/guard";
import { parseJson, route } from "@/lib/server/http";
import { signIn } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

// public: the wrapper still checks the Origin (a forged sign-in would log the victim into another account).
export const POST = route({ name: "/api/auth/sign-in", access: "public" }, async ({ req }) => {
  const input = await parseJson(req, signInSchema, 4096);
  const session = await signIn(input, { address: clientAddress(req.headers), previousToken: sessionToken(req) });
  return Response.json({ ok: true }, { headers: { "set-cookie": sessionCookie(req, session.token, session.maxAgeSeconds), "cache-control": "no-store" } });
});
