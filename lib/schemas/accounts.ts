import { z } from "zod";
import { ROLES, SCOPES } from "@/lib/domain/access";

const email = z.string().trim().toLowerCase().pipe(z.email("an email address").max(254));
// Long enough to resist guessing once hashed; capped so hashing cannot be used to burn CPU.
export const passwordSchema = z.string().min(12, "at least 12 characters").max(256, "at most 256 characters");

export const signInSchema = z.object({ email, password: z.string().min(1, "required").max(256) });
export type SignInInput = z.infer<typeof signInSchema>;

export const signOutSchema = z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false });

export const roleSchema = z.enum(ROLES);
export const scopeSchema = z.enum(SCOPES);

export const membershipInputSchema = z.object({ team: z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, "lowercase letters, digits and dashes"), role: roleSchema });

export const userCreateSchema = z.object({
  email,
  name: z.string().trim().min(1, "required").max(120),
  password: passwordSchema,
  memberships: z.array(membershipInputSchema).min(1, "at least one team").max(50).default([{ team: "default", role: "viewer" }]),
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userPatchSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
  memberships: z.array(membershipInputSchema).max(50).optional(),
});
export type UserPatchInput = z.infer<typeof userPatchSchema>;

export const setupSchema = z.object({ email, name: z.string().trim().min(1, "required").max(120), password: passwordSchema });

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "required").max(120),
  scopes: z.array(scopeSchema).min(1, "at least one scope").max(4).transform((s) => [...new Set(s)]),
  // Days until it stops working; null: never (revoke it by hand).
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export type PublicUser = {
  id: string; email: string; name: string; disabled: boolean; createdAt: string;
  memberships: { team: string; teamName: string; role: z.infer<typeof roleSchema> }[];
};

export type PublicApiToken = {
  id: string; name: string; prefix: string; scopes: z.infer<typeof scopeSchema>[]; createdBy: string;
  createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null;
};
