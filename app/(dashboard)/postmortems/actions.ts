"use server";
// The pages' writes. Until accounts exist these are open like the pages' reads, and "who" is the
// name typed into the form (README "Postmortems"); the accounts feature replaces both. The audit
// log records actionActor() beside that name.
import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { actionItemPatchSchema, commentInputSchema, postmortemInputSchema, statusChangeSchema } from "@/lib/schemas/postmortem";
import { actionActor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { changeStatus, commentOn, createPostmortem, setActionItemStatus, updatePostmortem } from "@/lib/server/services/postmortems";

export type ActionResult = { ok: true; id: string } | { ok: false; message: string; issues: { path: (string | number)[]; message: string }[] };

async function attempt(run: () => Promise<{ id: string }>): Promise<ActionResult> {
  try {
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
    const actor = await actionActor();
    return id ? updatePostmortem(id, input, new Date(), actor) : createPostmortem(input, new Date(), actor);
  });
}

export async function changeStatusAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => changeStatus(id, statusChangeSchema.parse(raw), new Date(), await actionActor()));
}

export async function commentAction(id: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => (await commentOn(id, commentInputSchema.parse(raw), await actionActor()), { id }));
}

export async function actionItemStatusAction(itemId: string, raw: unknown): Promise<ActionResult> {
  return attempt(async () => setActionItemStatus(itemId, actionItemPatchSchema.parse(raw), new Date(), await actionActor()));
}
