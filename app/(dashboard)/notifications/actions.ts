"use server";
import { revalidatePath } from "next/cache";
import { markReadSchema } from "@/lib/schemas/notification";
import { actionActor } from "@/lib/server/actor";
import { markNotificationsRead } from "@/lib/server/services/notifications";

/** Marks some (or all) notifications read for everyone (the list is shared); editors and admins only. */
export async function markReadAction(raw: unknown): Promise<{ ok: true; unread: number } | { ok: false; message: string }> {
  await actionActor();
  const parsed = markReadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  const { unread } = await markNotificationsRead(parsed.data, new Date());
  revalidatePath("/notifications");
  return { ok: true, unread };
}
