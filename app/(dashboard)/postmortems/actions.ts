"use server";
// The pages' writes: each needs a signed-in editor (actionActor refuses anyone else before anything
// is read from the form). "Who" inside a postmortem is still the name typed into the form;
// the audit log records actionActor() beside it.
import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { actionItemPatchSchema, commentInputSchema, postmortemInputSchema, statusChangeSchema } from "@/lib/schemas/postmortem";
import { actionActor, actionPrincipal } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { createFailureModeSchema } from "@/lib/schemas/fmea";
import { addToFmeaSchema } from "@/lib/schemas/postmortem";
import { createFailureMode } from "@/lib/server/services/fmea";
import { changeStatus, commentOn, createPostmortem, getPostmortem, setActionItemStatus, updatePostmortem } from "@/lib/server/services/postmortems";

export type ActionResult = { ok: true; id: string } | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

async function attempt(run: () => Promise<{ id: string }>): Promise<ActionResult> {
  try {
    await actionActor("editor");
    const { id } = await run();
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
  return attempt(async () => {
    const input = postmortemInputSchema.parse(raw);
    const actor = await actionPrincipal();
    return id ? updatePostmortem(id, input, new Date(), actor) : createPostmortem(input, new Date(), actor);
  });
}

export async function changeStatusAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => changeStatus(id, statusChangeSchema.parse(raw), new Date(), await actionPrincipal()));
}

export async function commentAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => (await commentOn(id, commentInputSchema.parse(raw), await actionPrincipal()), { id }));
}

export async function actionItemStatusAction(itemId: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => setActionItemStatus(itemId, actionItemPatchSchema.parse(raw), new Date(), await actionPrincipal()));
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
  const result = await attempt(async () => {
    const input = addToFmeaSchema.parse(raw);
    await getPostmortem(postmortemId);
    const bodies = input.rootCauses.map((cause) =>
      createFailureModeSchema.parse({ ...input.target, fromPostmortem: { id: postmortemId, rootCauses: [cause] }, row: input.row }),
    );
    const now = new Date();
    const actor = await actionPrincipal();
    for (const body of bodies) {
      const mode = await createFailureMode(body, now, actor);
      created.push({ id: mode.id, worksheetId: mode.worksheetId, mode: mode.mode, cause: mode.cause });
    }
    revalidatePath("/fmea", "layout");
    return { id: postmortemId };
  });
  if (!result.ok) created = [];
  return result.ok ? { ok: true, created } : result;
}
