import type { z } from 'zod';
import type {
  CsiFiguresDto,
  CsiReportDto,
  CsiRowDto,
  FactorScoreDto,
  csiInput,
} from '../../../../shared/contract/followup/surveys';
import {
  CSI_FACTORS,
  DEFAULT_CSI_WEIGHTS,
  combineVersions,
  csiOf,
  factorScore,
  npsOf,
  round1,
  type CsiFactor,
  type CsiWeights,
} from '../../../../shared/domain/csi';
import { addDays, instantAt } from '../../../../shared/domain/desk-time';
import type { CoreDeps } from '../../context';
import type { Db } from '../../db/connection';
import * as repo from './repository';

// The CSI figures of a period (the monthly CSI report, the KPI dashboard), read from the summary rows of migration 0025.

export function weightsFrom(rows: { factor: CsiFactor; weight_pct: number }[]): CsiWeights {
  const weights: CsiWeights = { ...DEFAULT_CSI_WEIGHTS };
  for (const factor of CSI_FACTORS) weights[factor] = 0;
  for (const row of rows) if ((CSI_FACTORS as readonly string[]).includes(row.factor)) weights[row.factor] = row.weight_pct;
  return weights;
}

// ---- figures ----

function emptyFigures(): CsiFiguresDto {
  return {
    responses: 0,
    answers: 0,
    csi: null,
    nps: null,
    recommendAnswers: 0,
    promoters: 0,
    detractors: 0,
    dissatisfiedResponses: 0,
  };
}

/**
 * CSI per row key: each template version's CSI from its own responses' factor means and its own weights, then the
 * versions averaged by their numbers of responses (shared/domain/csi combineVersions).
 */
function csiByKey(
  means: repo.FactorMeanRow[],
  responses: { k: string; template_id: number; responses: number }[],
  weights: Map<number, CsiWeights>,
): Map<string, number | null> {
  const scores = new Map<string, Partial<Record<CsiFactor, number | null>>>();
  for (const row of means) {
    const key = `${row.k}\u0000${row.template_id}`;
    const entry = scores.get(key) ?? {};
    entry[row.factor] = factorScore(Number(row.mean));
    scores.set(key, entry);
  }
  const parts = new Map<string, { responses: number; csi: number | null }[]>();
  for (const row of responses) {
    const versionWeights = weights.get(row.template_id) ?? DEFAULT_CSI_WEIGHTS;
    const csi = csiOf(scores.get(`${row.k}\u0000${row.template_id}`) ?? {}, versionWeights);
    const list = parts.get(row.k) ?? [];
    list.push({ responses: Number(row.responses), csi });
    parts.set(row.k, list);
  }
  return new Map([...parts].map(([k, list]) => [k, combineVersions(list)]));
}

async function figuresByKey(
  db: Db,
  period: repo.PeriodBounds,
  by: 'none' | 'advisor' | 'technician',
): Promise<Map<string, CsiFiguresDto>> {
  const [means, responses, counts] = await Promise.all([
    repo.factorMeans(db, period, by),
    repo.csiResponses(db, period, by),
    repo.counts(db, period, by),
  ]);
  const templateIds = [...new Set(responses.map((r) => r.template_id))];
  const weightRows = await repo.weightsOf(db, templateIds);
  const weights = new Map(templateIds.map((tid) => [tid, weightsFrom(weightRows.filter((w) => w.template_id === tid))]));
  const csi = csiByKey(means, responses, weights);
  const figures = new Map<string, CsiFiguresDto>();
  for (const row of counts) {
    const recommendAnswers = Number(row.recommend);
    const promoters = Number(row.promoters);
    const detractors = Number(row.detractors);
    figures.set(row.k, {
      responses: Number(row.responses),
      answers: Number(row.answers),
      csi: round1(csi.get(row.k) ?? null),
      nps: round1(npsOf({ answers: recommendAnswers, promoters, detractors })),
      recommendAnswers,
      promoters,
      detractors,
      dissatisfiedResponses: Number(row.dissatisfied),
    });
  }
  return figures;
}

function row(key: string, label: string, labelEn: string, figures: CsiFiguresDto, extra: Partial<CsiRowDto> = {}): CsiRowDto {
  return {
    key,
    label,
    labelEn,
    ...figures,
    score: null,
    mean: null,
    yesPercent: null,
    scale: null,
    templateVersion: null,
    ...extra,
  };
}

/** The period of desk days (both included) as UTC instants. */
export function bounds(input: { from: string; to: string }): repo.PeriodBounds {
  return { from: instantAt(input.from, 0).toISOString(), before: instantAt(addDays(input.to, 1), 0).toISOString() };
}

export async function csi(deps: CoreDeps, input: z.output<typeof csiInput>): Promise<CsiReportDto> {
  return deps.db.transaction().execute(async (trx) => {
    const period = bounds(input);
    const totals = (await figuresByKey(trx, period, 'none')).get('') ?? emptyFigures();
    const pooled = await repo.pooledFactors(trx, period);
    const factors: FactorScoreDto[] = CSI_FACTORS.map((factor) => {
      const found = pooled.find((p) => p.factor === factor);
      return {
        factor,
        score: round1(found ? factorScore(Number(found.mean)) : null),
        answers: found ? Number(found.answers) : 0,
      };
    });
    let rows: CsiRowDto[] = [];
    if (input.groupBy === 'advisor' || input.groupBy === 'technician') {
      const byKey = await figuresByKey(trx, period, input.groupBy);
      const names = new Map(
        (await repo.userNames(trx, [...byKey.keys()].map(Number))).map((u) => [String(u.id), u.display_name]),
      );
      rows = [...byKey]
        .map(([key, figures]) => row(key, names.get(key) ?? '', names.get(key) ?? '', figures))
        .sort((a, b) => b.responses - a.responses || a.label.localeCompare(b.label));
    } else if (input.groupBy === 'factor') {
      rows = CSI_FACTORS.map((factor) => {
        const found = pooled.find((p) => p.factor === factor);
        const mean = found ? Number(found.mean) : null;
        return row(
          factor,
          '',
          '',
          { ...emptyFigures(), responses: found ? Number(found.responses) : 0, answers: found ? Number(found.answers) : 0 },
          {
            score: round1(factorScore(mean)),
            mean: mean === null ? null : Math.round(mean * 100) / 100,
          },
        );
      });
    } else if (input.groupBy === 'question') {
      rows = (await repo.questionFigures(trx, period)).map((q) => {
        const answers = Number(q.answers);
        const mean = q.mean === null ? null : Number(q.mean);
        const scale = q.scale;
        const promoters = scale === 'recommend_0_10' ? Number(q.promoters) : 0;
        const detractors = scale === 'recommend_0_10' || scale === 'scale_1_10' ? Number(q.detractors) : 0;
        return row(
          String(q.id),
          q.text_zh,
          q.text_en,
          {
            ...emptyFigures(),
            responses: Number(q.responses),
            answers,
            nps: scale === 'recommend_0_10' ? round1(npsOf({ answers, promoters, detractors })) : null,
            recommendAnswers: scale === 'recommend_0_10' ? answers : 0,
            promoters,
            detractors,
            // Answers of this question that flag a survey dissatisfied.
            dissatisfiedResponses: scale === 'yes_no' ? answers - Math.round((mean ?? 0) * answers) : detractors,
          },
          {
            score: scale === 'scale_1_10' ? round1(factorScore(mean)) : null,
            mean:
              scale === 'scale_1_10' || scale === 'recommend_0_10' ? (mean === null ? null : Math.round(mean * 100) / 100) : null,
            yesPercent: scale === 'yes_no' ? round1(mean === null ? null : mean * 100) : null,
            scale,
            templateVersion: q.version,
          },
        );
      });
    }
    return { from: input.from, to: input.to, groupBy: input.groupBy, totals, factors, rows };
  });
}
