import { z } from "zod";

export const serviceSlugSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "lowercase letters, digits and dashes, 1–63 characters, not starting or ending with a dash");

export const serviceInputSchema = z.strictObject({
  slug: serviceSlugSchema,
  name: z.string().trim().min(1, "required").max(120),
  team: z.string().trim().min(1).max(120).nullish(),
  description: z.string().trim().max(2000).nullish(),
});
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const serviceSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Service = z.infer<typeof serviceSchema>;
