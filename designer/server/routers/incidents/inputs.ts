import { z } from "zod";
import { address, environment } from "../deployments/inputs.js";

const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as en or zh-CN");

export const ZListIncidentsInput = z.object({ environment: environment.optional() }).default({});

export const ZSwitchOnInput = z
  .object({
    environment,
    /** The binding; absent or null switches the environment's global override (every binding). */
    address: address.nullish(),
    mode: z.enum(["emergency", "announce"]),
    /** Language → text to speak and/or an audio file; needed for `announce`. */
    announcement: z.record(language, z.object({ text: z.string().trim().max(2000).optional(), audio: z.string().trim().max(500).optional() })).default({}),
    /** ISO instant after which it switches itself off. */
    endsAt: z.iso.datetime({ offset: true, message: "must be a date and time such as 2026-12-24T18:00:00Z" }).optional(),
    reason: z.string().trim().min(1, "say why (callers are affected)").max(500),
  })
  .superRefine((input, ctx) => {
    if (input.mode !== "announce") return;
    const any = Object.values(input.announcement).some((entry) => (entry.text ?? "") !== "" || (entry.audio ?? "") !== "");
    if (!any) ctx.addIssue({ code: "custom", path: ["announcement"], message: "an announcement needs a text or an audio file in at least one language" });
  });

export const ZSwitchOffInput = z.object({ id: z.uuid(), reason: z.string().trim().max(500).default("") });

export type ListIncidentsInput = z.infer<typeof ZListIncidentsInput>;
export type SwitchOnInput = z.infer<typeof ZSwitchOnInput>;
export type SwitchOffInput = z.infer<typeof ZSwitchOffInput>;
