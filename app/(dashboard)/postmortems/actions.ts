"use server";
// The pages' writes: each needs a signed-in editor (actionPrincipal refuses anyone else before
// anything is read from the form). "Who" inside a postmortem is still the name typed into the form;
// the audit log records the signed-in person beside it.
import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { actionItemPatchSchema, commentInputSchema, postmortemInputSchema, statusChangeSchema } from "@/lib/schemas/postmortem";
import { actionPrincipal } from "@/lib/server/actor";
import type { Principal } from "@/lib/server/auth/principal";
import { AppError } from "@/lib/server/errors";
import { createFailureModeSchema } from "@/lib/schemas/fmea";
import { addToFmeaSchema } from "@/lib/schemas/postmortem";
import { createFailureMode } from "@/lib/server/services/fmea";
import { changeStatus, commentOn, createPostmortem, getPostmortem, setActionItemStatus, updatePostmortem } from "@/lib/server/services/postmortems";

export type ActionResult = { ok: true; id: string } | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

/** Checks the caller once (editor), then runs the write as them. */
async function attempt(run: (who: Principal) => Promise<{ id: string }>): Promise<ActionResult> {
  try {
    const { id } = await run(await actionPrincipal("editor"));
    revalidatePath("/postmortems", "layout");
    return { ok: true, id };
  } catch (error) {
    if (error instanceof ZodError) {
      return { ok: false, message: "Some fields need attention.", issues: error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })) };
    }
    if (error instanceof AppError && error.code !== "INTERNAL") return { ok: false, message: error.message, issues: error.issues ?? [] };
    throw error;
  }
}

export async function savePostmortemAction(id: string | null, raw: unknown): Promise<ActionResult> {
  return attempt(async (who) => {
    const input = postmortemInputSchema.parse(raw);
    return id ? updatePostmortem(id, input, new Date(), who) : createPostmortem(input, new Date(), who);
  });
}

export async function changeStatusAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt((who) => changeStatus(id, statusChangeSchema.parse(raw), new Date(), who));
}

export async function commentAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt(async (who) => (await commentOn(id, commentInputSchema.parse(raw), who), { id }));
}

export async function actionItemStatusAction(itemId: string, raw: unknown): Promise<ActionResult> {
  return attempt((who) => setActionItemStatus(itemId, actionItemPatchSchema.parse(raw), new Date(), who));
}

export type AddToFmeaResult =
  | { ok: true; created: { id: string; worksheetId: string; mode: string; cause: string }[] }
  | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

/**
 * "Add to FMEA": one failure mode per chosen root cause, in the chosen worksheet (or the service's),
 * each linked to the postmortem. Every row is validated before the first is written, so a refusal
 * creates nothing.
 */
export async function addToFmeaAction(postmortemId: string, raw: unknown): Promise<AddToFmeaResult> {
  let created: { id: string; worksheetId: string; mode: string; cause: string }[] = [];
  const result = await attempt(async (who) => {
    const input = addToFmeaSchema.parse(raw);
    await getPostmortem(postmortemId);
    const bodies = input.rootCauses.map((cause) =>
      createFailureModeSchema.parse({ ...input.target, fromPostmortem: { id: postmortemId, rootCauses: [cause] }, row: input.row }),
    );
    const now = new Date();
    for (const body of bodies) {
      const mode = await createFailureMode(body, now, who);
      created.push({ id: mode.id, worksheetId: mode.worksheetId, mode: mode.mode, cause: mode.cause });
    }
    revalidatePath("/fmea", "layout");
    return { id: postmortemId };
  });
  if (!result.ok) created = [];
  return result.ok ? { ok: true, created } : result;
}
