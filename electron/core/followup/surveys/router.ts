import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const surveysRouter = {
  surveyTemplate: rpc.followup.surveyTemplate.handler(({ context }) => service.surveyTemplate(context.deps)),
  surveyTemplateVersions: rpc.followup.surveyTemplateVersions.handler(({ context }) =>
    service.surveyTemplateVersions(context.deps),
  ),
  saveSurveyTemplate: rpc.followup.saveSurveyTemplate.handler(({ context, input }) =>
    service.saveSurveyTemplate(context.deps, signedIn(context), input),
  ),
  recordSurvey: rpc.followup.recordSurvey.handler(({ context, input }) =>
    service.recordSurvey(context.deps, signedIn(context), input),
  ),
  surveyResponse: rpc.followup.surveyResponse.handler(({ context, input }) =>
    service.surveyResponse(context.deps, signedIn(context), input),
  ),
  surveyResponseOfOrder: rpc.followup.surveyResponseOfOrder.handler(({ context, input }) =>
    service.surveyResponseOfOrder(context.deps, signedIn(context), input),
  ),
  surveyResponses: rpc.followup.surveyResponses.handler(({ context, input }) =>
    service.surveyResponses(context.deps, signedIn(context), input),
  ),
  csi: rpc.followup.csi.handler(({ context, input }) => service.csi(context.deps, input)),
};
