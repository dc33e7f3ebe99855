import type { Context } from "../context";

export const reportTemplateReference = {
  ReportTemplate: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.templateById.load(ref.id),
  },
};
