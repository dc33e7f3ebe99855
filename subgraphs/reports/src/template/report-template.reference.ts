import type { Context } from "../loaders";

export const reportTemplateReference = {
  ReportTemplate: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.templateById.load(ref.id),
  },
};
