"use strict";
// channelscore's live board: the scoring of channelscore.core (engine, explain, portfolio, stability, levers)
// written again for the browser, operation for operation, and the page around it. Every text reaches the
// page with textContent, never as markup.
(function () {
  const DATA = JSON.parse(document.getElementById("board-data").textContent);
  // engine.TIE_TOLERANCE, stability.FLAT, explain.EPSILON and MAX_LISTED, portfolio.DEFAULT_MAX_SIZE and
  // DEFAULT_MARGIN, words.NARROW: given by the page's writer.
  const { tieTolerance: TIE_TOLERANCE, flat: FLAT, epsilon: EPSILON, maxListed: MAX_LISTED, maxSize: MAX_SIZE,
    margin: MARGIN, narrow: NARROW } = DATA.constants;
  const LEVERS_SHOWN = 6;

  // ---- numbers and sentences, as channelscore.words writes them ----

  function say(key, values) {
    return DATA.words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  }

  // Python's format(x, ".{digits}f"): the exact binary value rounded half to even, where JavaScript's
  // toFixed rounds half up.
  function fixed(value, digits) {
    if (!Number.isFinite(value)) return String(value);
    const negative = value < 0 || Object.is(value, -0);
    const exact = Math.abs(value).toFixed(60);
    const [whole, fraction] = exact.split(".");
    let kept = whole + fraction.slice(0, digits);
    const rest = fraction.slice(digits);
    const last = Number(kept[kept.length - 1]);
    const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
    if (up) {
      const digitsOf = kept.split("").map(Number);
      let i = digitsOf.length - 1;
      while (i >= 0) {
        if (digitsOf[i] === 9) { digitsOf[i] = 0; i -= 1; } else { digitsOf[i] += 1; break; }
      }
      kept = (i < 0 ? "1" : "") + digitsOf.join("");
    }
    const cut = kept.length - digits;
    const text = digits > 0 ? kept.slice(0, cut) + "." + kept.slice(cut) : kept;
    return (negative ? "-" : "") + text;
  }


  function decimal(text) {
    return DATA.lang === "fr" ? text.replace(".", ",") : text;
  }

  // words.on_grid: numbers are shown from the grid of the tie tolerance, so that a sum's rounding (0.125 as
  // 0.12500000000000067) reads the same here as on the command line.
  function onGrid(value) {
    if (!(Math.abs(value) < 1e6)) return value;
    return roundHalfEven(value / TIE_TOLERANCE) * TIE_TOLERANCE;
  }

  function number(value, digits) {
    return decimal(fixed(onGrid(value), digits === undefined ? 2 : digits));
  }

  // Words.percent
  function percent(share) {
    share = onGrid(share);
    let text;
    if (share > 0 && share < 0.001) text = "<0.1%";
    else if (share > 0 && share < 0.1) text = fixed(share * 100, 1) + "%";
    else text = fixed(share * 100, 0) + "%";
    text = decimal(text);
    return DATA.lang === "fr" ? text.replace("%", NARROW + "%") : text;
  }

  function join(names) {
    if (names.length <= 1) return names.join("");
    return names.slice(0, -1).join(", ") + " " + say("and", {}) + " " + names[names.length - 1];
  }

  function counted(count, noun) {
    const one = DATA.lang === "fr" ? count === 0 || count === 1 : count === 1;
    return say(noun + (one ? "_one" : "_many"), { n: count });
  }

  function capital(text) {
    return text ? text[0].toUpperCase() + text.slice(1) : text;
  }

  // ---- the engine (channelscore.core.engine) ----

  function sum(values) {
    let total = 0;
    for (const value of values) total += value;
    return total;
  }

  function scaled(values) {
    let largest = -Infinity;
    for (const value of values) if (value > largest) largest = value;
    const divisor = largest > 0 ? largest : 1;
    return values.map((value) => value / divisor);
  }

  function normalise(raw, clientMask, split) {
    raw = scaled(raw);
    if (!split) {
      const total = sum(raw);
      return raw.map((value) => value / total);
    }
    const [clientPart, enterprisePart] = scaled(split);
    const client = raw.map((value, j) => (clientMask[j] ? value : 0));
    const enterprise = raw.map((value, j) => (clientMask[j] ? 0 : value));
    const clientTotal = sum(client);
    const enterpriseTotal = sum(enterprise);
    const clientShare = clientTotal > 0 ? clientPart : 0;
    const enterpriseShare = enterpriseTotal > 0 ? enterprisePart : 0;
    return raw.map((_, j) => ((clientTotal > 0 ? client[j] / clientTotal : 0) * clientShare
      + (enterpriseTotal > 0 ? enterprise[j] / enterpriseTotal : 0) * enterpriseShare)
      / (clientShare + enterpriseShare));
  }

  function dot(row, weights) {
    let total = 0;
    for (let j = 0; j < row.length; j += 1) total += weights[j] * row[j];
    return total;
  }

  function compareIds(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function orderAndRanks(values, ids) {
    for (const value of values) if (!Number.isFinite(value)) throw new Error("scores must be finite to be ranked");
    const byScore = values.map((_, i) => i).sort((a, b) => (values[b] - values[a]) || compareIds(ids[a], ids[b]));
    const order = [];
    const ranks = [];
    let position = 0;
    while (position < byScore.length) {
      const head = values[byScore[position]];
      let end = position + 1;
      while (end < byScore.length && head - values[byScore[end]] < TIE_TOLERANCE) end += 1;
      const group = byScore.slice(position, end).sort((a, b) => compareIds(ids[a], ids[b]));
      for (const i of group) { order.push(i); ranks.push(position + 1); }
      position = end;
    }
    return { order, ranks };
  }

  // ---- a state scored: the decision of the Python core over the channels kept in ----

  // state: {profile: index, raw: [...], split: [c, e] | null, included: [bool per channel]}
  function decide(state) {
    const profile = DATA.profiles[state.profile];
    const mask = profile.criteria.map((c) => c.client);
    const weights = normalise(state.raw, mask, state.split);
    const rows = profile.channels.map((_, i) => i).filter((i) => state.included[i]);
    const ratings = rows.map((i) => profile.ratings[i]);
    const ids = rows.map((i) => profile.channels[i].id);
    return { profile, weights, rows, ratings, ids };
  }

  function rankDecision(decision) {
    const scores = decision.ratings.map((row) => dot(row, decision.weights));
    const { order, ranks } = orderAndRanks(scores, decision.ids);
    return { scores, order, ranks };
  }

  // explain.analyse_channels and tell.why
  function analyses(decision, ranking) {
    const { ratings, weights } = decision;
    const count = ratings.length;
    const criteria = weights.length;
    const mean = [];
    for (let j = 0; j < criteria; j += 1) {
      let total = 0;
      for (let i = 0; i < count; i += 1) total += ratings[i][j];
      mean.push(total / count);
    }
    const result = [];
    ranking.order.forEach((row, position) => {
      const delta = weights.map((w, j) => w * (ratings[row][j] - mean[j]));
      // Sorted on the grid of the tie tolerance, as explain.analyse_channels sorts them.
      const level = delta.map((value) => roundHalfEven(value / TIE_TOLERANCE));
      const indices = delta.map((_, j) => j);
      const strengths = indices.slice().sort((a, b) => level[b] - level[a])
        .filter((j) => delta[j] > EPSILON).slice(0, MAX_LISTED);
      const weaknesses = indices.slice().sort((a, b) => level[a] - level[b])
        .filter((j) => delta[j] < -EPSILON).slice(0, MAX_LISTED);
      const rank = ranking.ranks[position];
      const tied = ranking.order.filter((other, k) => ranking.ranks[k] === rank && other !== row);
      let next = null;
      for (let k = position + 1; k < ranking.order.length; k += 1) {
        if (ranking.ranks[k] > rank) { next = ranking.order[k]; break; }
      }
      const gap = next === null ? null : ranking.scores[row] - ranking.scores[next];
      result.push({ row, rank, strengths, weaknesses, tied, next, gap });
    });
    return result;
  }

  function why(decision, item) {
    const profile = decision.profile;
    const channelOf = (row) => profile.channels[decision.rows[row]];
    const reasons = profile.reasons[decision.rows[item.row]];
    const clauses = [];
    if (item.strengths.length) {
      clauses.push(say("strong_on", { names: join(item.strengths.map((j) => profile.criteria[j].good)),
        reason: reasons[item.strengths[0]] }));
    }
    if (item.weaknesses.length) {
      clauses.push(say("weak_on", { names: join(item.weaknesses.map((j) => profile.criteria[j].poor)),
        reason: reasons[item.weaknesses[0]] }));
    }
    const sentences = [clauses.length ? clauses.join(DATA.semicolon) : say("average", {})];
    if (item.tied.length) sentences.push(say("tied_with", { others: join(item.tied.map((r) => channelOf(r).name)) }));
    if (item.gap !== null) sentences.push(say("ahead_of", { gap: number(item.gap), other: channelOf(item.next).name }));
    return sentences.map((sentence) => capital(sentence) + ".").join(" ");
  }

  // ---- the mix (portfolio.portfolio with stop_at_recommended, as levers._mix reads it) ----

  function combinations(count, size) {
    const result = [];
    const current = [];
    (function walk(start) {
      if (current.length === size) { result.push(current.slice()); return; }
      for (let i = start; i < count; i += 1) { current.push(i); walk(i + 1); current.pop(); }
    })(0);
    return result;
  }

  const setsCache = new Map();

  function setsOf(count) {
    if (!setsCache.has(count)) {
      const sets = [];
      for (let size = 1; size <= Math.min(MAX_SIZE, count); size += 1) sets.push(combinations(count, size));
      setsCache.set(count, sets);
    }
    return setsCache.get(count);
  }

  // numpy.round: half to even
  function roundHalfEven(value) {
    const floor = Math.floor(value);
    const part = value - floor;
    if (part > 0.5) return floor + 1;
    if (part < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  function coverageOf(ratings, weights, members) {
    let total = 0;
    for (let j = 0; j < weights.length; j += 1) {
      let best = -Infinity;
      for (const m of members) if (ratings[m][j] > best) best = ratings[m][j];
      total += weights[j] * best;
    }
    return total;
  }

  // The sets of each size that hold each channel, by position in the enumeration.
  const holdingCache = new Map();

  function holding(count) {
    if (!holdingCache.has(count)) {
      holdingCache.set(count, setsOf(count).map((sets) => {
        const byChannel = Array.from({ length: count }, () => []);
        sets.forEach((members, k) => { for (const m of members) byChannel[m].push(k); });
        return byChannel;
      }));
    }
    return holdingCache.get(count);
  }

  // portfolio.best_sets with one set kept: the highest coverage, then the highest sum of the members' scores
  // (both rounded to the tie tolerance), then the first in the enumeration.
  function beats(rounded, strength, index, held) {
    if (held === null) return true;
    if (rounded !== held.rounded) return rounded > held.rounded;
    if (strength !== held.strength) return strength > held.strength;
    return index < held.index;
  }

  // A set's strength, the sum of its members' scores, on the grid of the tie tolerance as its coverage is.
  function strengthOf(individual, members) {
    let strength = 0;
    for (const m of members) strength += individual[m];
    return roundHalfEven(strength / TIE_TOLERANCE) * TIE_TOLERANCE;
  }

  // Every set of every size scored once, so that a change of one channel's rating rescores only its sets.
  function mixTables(ratings, weights) {
    const individual = ratings.map((row) => dot(row, weights));
    const sizes = setsOf(ratings.length).map((sets) => {
      const covered = new Float64Array(sets.length);
      const rounded = new Float64Array(sets.length);
      const strength = new Float64Array(sets.length);
      sets.forEach((members, k) => {
        covered[k] = coverageOf(ratings, weights, members);
        rounded[k] = roundHalfEven(covered[k] / TIE_TOLERANCE) * TIE_TOLERANCE;
        strength[k] = strengthOf(individual, members);
      });
      return { sets, covered, rounded, strength };
    });
    return { individual, sizes };
  }

  function held(table, k) {
    return { index: k, members: table.sets[k], covered: table.covered[k], rounded: table.rounded[k],
      strength: table.strength[k] };
  }

  function pickMix(bests, bestPossible) {
    let found = null;
    for (const best of bests) {
      found = { members: best.members, coverage: best.covered, best: bestPossible, recommended: false };
      if (best.covered >= bestPossible - MARGIN - TIE_TOLERANCE) { found.recommended = true; break; }
    }
    return found;
  }

  function recommendedMix(ratings, weights) {
    const tables = mixTables(ratings, weights);
    const everyone = ratings.map((_, i) => i);
    const bests = tables.sizes.map((table) => {
      let best = null;
      for (let k = 0; k < table.sets.length; k += 1) {
        if (beats(table.rounded[k], table.strength[k], k, best)) best = held(table, k);
      }
      return best;
    });
    return pickMix(bests, coverageOf(ratings, weights, everyone));
  }

  // The recommended mix once the rating of row `row` on criterion `column` has gone from `old` to its present
  // value in `ratings`, from the tables of the ratings before: a set's coverage moves only where the row gives
  // the set's best rating on that criterion, and only sets that hold the row are looked at again.
  function mixAfterStep(ratings, weights, tables, without, row, column, old) {
    const individual = tables.individual.slice();
    individual[row] = dot(ratings[row], weights);
    const rating = ratings[row][column];
    const byChannel = holding(ratings.length);
    let bestPossible = 0;
    for (let j = 0; j < weights.length; j += 1) {
      let top = -Infinity;
      for (let i = 0; i < ratings.length; i += 1) if (ratings[i][j] > top) top = ratings[i][j];
      bestPossible += weights[j] * top;
    }
    const bests = tables.sizes.map((table, s) => {
      const start = without[row][s];
      let best = start === null ? null : held(table, start);
      for (const k of byChannel[s][row]) {
        const members = table.sets[k];
        let others = -Infinity;
        for (const m of members) if (m !== row && ratings[m][column] > others) others = ratings[m][column];
        const before = Math.max(others, old);
        const after = Math.max(others, rating);
        let covered = table.covered[k];
        let rounded = table.rounded[k];
        if (after !== before) {
          covered += weights[column] * (after - before);
          rounded = roundHalfEven(covered / TIE_TOLERANCE) * TIE_TOLERANCE;
        }
        const strength = strengthOf(individual, members);
        if (beats(rounded, strength, k, best)) best = { index: k, members, covered, rounded, strength };
      }
      return best;
    });
    return pickMix(bests, bestPossible);
  }

  // For each channel and size, the position of the best set that does not hold the channel (null when every
  // set does).
  function bestsWithout(tables, count) {
    const result = Array.from({ length: count }, () => []);
    tables.sizes.forEach((table, s) => {
      const bests = new Array(count).fill(null);
      const inSet = new Uint8Array(count);
      for (let k = 0; k < table.sets.length; k += 1) {
        for (const m of table.sets[k]) inSet[m] = 1;
        for (let x = 0; x < count; x += 1) {
          if (inSet[x]) continue;
          const b = bests[x];
          if (b === null || table.rounded[k] > table.rounded[b]
              || (table.rounded[k] === table.rounded[b] && table.strength[k] > table.strength[b])) bests[x] = k;
        }
        for (const m of table.sets[k]) inSet[m] = 0;
      }
      bests.forEach((best, x) => { result[x][s] = best; });
    });
    return result;
  }

  // ---- the stability interval of one weight (stability.stability, first place only) ----

  function stability(decision, ranking, column) {
    const { ratings, weights } = decision;
    const w = weights[column];
    if (w >= 1 - FLAT) return null;
    const base = ratings.map((row) => (dot(row, weights) - row[column] * w) / (1 - w));
    const slope = ratings.map((row, i) => row[column] - base[i]);
    const first = ranking.order[0];
    let low = { weight: 0, channel: null, passes: null };
    let high = { weight: 1, channel: null, passes: null };
    for (const below of ranking.order.slice(1)) {
      const gap = base[first] - base[below];
      const gain = slope[first] - slope[below];
      if (Math.abs(gain) <= FLAT) continue;
      const crossing = -gap / gain;
      // Two channels level at a weight of 0 (or 1) are level there only: neither passes the other inside.
      if (gain > 0 && crossing > Math.max(low.weight, FLAT)) {
        low = { weight: Math.min(crossing, w), channel: below, passes: first };
      } else if (gain < 0 && crossing < Math.min(high.weight, 1 - FLAT)) {
        high = { weight: Math.max(crossing, w), channel: below, passes: first };
      }
    }
    return { criterion: column, weight: w, low, high };
  }

  // ---- levers (levers.levers, single steps) ----

  function standing(ratings, weights, ids, mix) {
    const scores = ratings.map((row) => dot(row, weights));
    const { order, ranks } = orderAndRanks(scores, ids);
    const rankOf = {};
    order.forEach((i, k) => { rankOf[ids[i]] = ranks[k]; });
    const first = order.filter((_, k) => ranks[k] === 1).map((i) => ids[i]);
    return { first, ranks: rankOf, mix: mix.members.map((i) => ids[i]) };
  }

  function same(a, b) {
    return a.length === b.length && a.every((value, i) => value === b[i]);
  }

  function levers(decision) {
    const { weights, ids } = decision;
    const ratings = decision.ratings.map((row) => row.slice());
    const tables = mixTables(ratings, weights);
    const without = bestsWithout(tables, ratings.length);
    const now = standing(ratings, weights, ids, recommendedMix(ratings, weights));
    const found = [];
    for (let row = 0; row < ratings.length; row += 1) {
      for (let column = 0; column < weights.length; column += 1) {
        if (weights[column] <= 0) continue;
        const old = ratings[row][column];
        for (const rating of [old + 1, old - 1]) {
          if (rating < 1 || rating > 3) continue;
          ratings[row][column] = rating;
          const after = standing(ratings, weights, ids,
            mixAfterStep(ratings, weights, tables, without, row, column, old));
          ratings[row][column] = old;
          const channel = ids[row];
          const lever = { row, column, channel, old, rating, effect: weights[column] * (rating - old),
            first: after.first, rank: after.ranks[channel], mix: after.mix,
            changesFirst: !same(after.first, now.first), changesRank: after.ranks[channel] !== now.ranks[channel],
            changesMix: !same(after.mix, now.mix) };
          if (lever.changesFirst || lever.changesRank || lever.changesMix) found.push(lever);
        }
      }
    }
    const key = (lever) => [lever.changesFirst ? 0 : 1, lever.changesMix ? 0 : 1,
      -Math.abs(lever.rank - now.ranks[lever.channel]), -Math.abs(lever.effect), now.ranks[lever.channel],
      lever.row, lever.column, lever.rating < lever.old ? 1 : 0];
    found.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return 0;
    });
    return { now, levers: found };
  }

  function leverSentence(decision, result, lever) {
    const profile = decision.profile;
    const nameOf = {};
    decision.rows.forEach((r, i) => { nameOf[decision.ids[i]] = profile.channels[r].name; });
    const channel = nameOf[lever.channel];
    const effects = [];
    if (lever.changesFirst) {
      if (!lever.first.includes(lever.channel)) {
        effects.push(say("lever_first_lose", { channel, rank: lever.rank, others: join(lever.first.map((c) => nameOf[c])) }));
      } else if (lever.first.length === 1) {
        effects.push(say("lever_first_take", { channel,
          others: join(result.now.first.filter((c) => c !== lever.channel).map((c) => nameOf[c])) }));
      } else {
        effects.push(say("lever_first_share", { channel,
          others: join(lever.first.filter((c) => c !== lever.channel).map((c) => nameOf[c])) }));
      }
    } else if (lever.changesRank) {
      effects.push(say("lever_rank", { channel, old: result.now.ranks[lever.channel], new: lever.rank }));
    }
    if (lever.changesMix) {
      effects.push(say("lever_mix", { new: lever.mix.map((c) => nameOf[c]).join(" + "),
        old: result.now.mix.map((c) => nameOf[c]).join(" + ") }));
    }
    const reason = say("lever_reason", { old: lever.old, reason: profile.reasons[decision.rows[lever.row]][lever.column] });
    const step = say("lever_step", { channel, criterion: profile.criteria[lever.column].inSentence, old: lever.old,
      new: lever.rating });
    return capital(`${step}${DATA.colon}${effects.join(DATA.semicolon)} (${reason}).`);
  }

  // ---- everything the page shows for one state ----

  function evaluate(state, withLevers) {
    const decision = decide(state);
    if (!decision.rows.length) return { decision, empty: true };
    const ranking = rankDecision(decision);
    const items = analyses(decision, ranking);
    const mix = recommendedMix(decision.ratings, decision.weights);
    const moved = state.moved === null || state.moved === undefined ? null : stability(decision, ranking, state.moved);
    const result = { decision, ranking, items, mix, stability: moved };
    if (withLevers) result.levers = levers(decision);
    return result;
  }

  // What the tests compare with the Python core: plain numbers and ids.
  function summary(state, full) {
    const result = evaluate(state, full);
    const { decision, ranking } = result;
    const out = {
      ids: decision.ids, weights: decision.weights, scores: ranking.scores,
      order: ranking.order.map((i) => decision.ids[i]), ranks: ranking.ranks,
    };
    if (full) {
      out.why = result.items.map((item) => why(decision, item));
      out.mix = result.mix.members.map((i) => decision.ids[i]);
      out.mixCoverage = result.mix.coverage;
      out.recommended = result.mix.recommended;
      out.levers = result.levers.levers.map((lever) => ({ channel: lever.channel,
        criterion: decision.profile.criteria[lever.column].id, from: lever.old, to: lever.rating, first: lever.first,
        rank: lever.rank, mix: lever.mix, sentence: leverSentence(decision, result.levers, lever) }));
      out.stability = decision.weights.map((_, column) => {
        const interval = stability(decision, ranking, column);
        if (interval === null) return null;
        const id = (row) => (row === null ? null : decision.ids[row]);
        return { weight: interval.weight, low: interval.low.weight, lowChannel: id(interval.low.channel),
          high: interval.high.weight, highChannel: id(interval.high.channel) };
      });
    }
    return out;
  }

  // ---- the page ----

  const state = { profile: 0, raw: [], split: null, included: [], locked: [], moved: null };
  const view = {};
  const timings = [];

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.appendChild(child);
    return node;
  }

  // A small padlock drawn in SVG (a font may have no padlock character).
  function padlock() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 12 14");
    svg.setAttribute("width", "11");
    svg.setAttribute("height", "13");
    svg.setAttribute("aria-hidden", "true");
    const body = document.createElementNS(ns, "rect");
    for (const [name, value] of [["x", "1"], ["y", "6"], ["width", "10"], ["height", "7.5"], ["rx", "1.5"]]) {
      body.setAttribute(name, value);
    }
    const shackle = document.createElementNS(ns, "path");
    shackle.setAttribute("d", "M3.2 6V4.2a2.8 2.8 0 0 1 5.6 0V6");
    shackle.setAttribute("fill", "none");
    shackle.setAttribute("stroke", "currentColor");
    shackle.setAttribute("stroke-width", "1.5");
    svg.appendChild(body);
    svg.appendChild(shackle);
    return svg;
  }

  function reset() {
    const profile = DATA.profiles[state.profile];
    state.raw = profile.raw.slice();
    state.split = profile.split ? profile.split.slice() : null;
    state.included = profile.channels.map(() => true);
    state.locked = profile.criteria.map(() => false);
    state.moved = null;
    build();
  }

  function effective() {
    const profile = DATA.profiles[state.profile];
    return normalise(state.raw, profile.criteria.map((c) => c.client), state.split);
  }

  // A weight set to `share` of the whole: the locked weights stay, the others of its domain (its group when a
  // split is set, else every criterion) share what is left in their present proportions.
  function setWeight(column, share) {
    const profile = DATA.profiles[state.profile];
    const weights = effective();
    const client = profile.criteria[column].client;
    const inDomain = (j) => state.split === null || profile.criteria[j].client === client;
    let domain = 1;
    if (state.split !== null) {
      const groupTotal = sum(weights.filter((_, j) => inDomain(j)));
      domain = groupTotal > 0 ? groupTotal : 0;
    }
    const lockedTotal = sum(weights.filter((_, j) => j !== column && inDomain(j) && state.locked[j]));
    const free = weights.map((_, j) => j).filter((j) => j !== column && inDomain(j) && !state.locked[j]);
    const room = Math.max(0, domain - lockedTotal);
    const target = free.length ? Math.min(Math.max(share, 0), room) : room;
    const freeTotal = sum(free.map((j) => weights[j]));
    const next = weights.slice();
    next[column] = target;
    for (const j of free) next[j] = freeTotal > 0 ? weights[j] * (room - target) / freeTotal : (room - target) / free.length;
    if (!(sum(next) > 0)) return;
    state.raw = next;
    state.moved = column;
    update();
  }

  function setClientShare(share) {
    const profile = DATA.profiles[state.profile];
    const weights = effective();
    const clientTotal = sum(weights.filter((_, j) => profile.criteria[j].client));
    const enterpriseTotal = sum(weights.filter((_, j) => !profile.criteria[j].client));
    if (!(clientTotal > 0 && enterpriseTotal > 0)) return;
    state.split = [share, 1 - share];
    state.raw = weights.map((w, j) => (profile.criteria[j].client ? w * share / clientTotal
      : w * (1 - share) / enterpriseTotal));
    state.moved = null;
    update();
  }

  function build() {
    const root = document.getElementById("board");
    root.textContent = "";
    const profile = DATA.profiles[state.profile];
    const title = element("h1", { text: say("board_title", { profile: profile.name }) });
    root.appendChild(title);
    view.title = title;
    root.appendChild(element("p", { class: "intro", text: say("board_intro", {}) }));
    const controls = element("section", { class: "controls" });
    if (DATA.profiles.length > 1) {
      const select = element("select", { id: "profile", "aria-label": say("board_profile", {}),
        onchange: () => { state.profile = Number(select.value); reset(); } });
      DATA.profiles.forEach((p, i) => select.appendChild(element("option", { value: String(i), text: p.name })));
      select.value = String(state.profile);
      controls.appendChild(element("label", { class: "profile" }, element("span", { text: say("board_profile", {}) }), select));
    }
    controls.appendChild(element("h2", { text: say("board_weights", {}) }));
    view.sliders = [];
    view.values = [];
    view.locks = [];
    for (const group of ["client", "enterprise"]) {
      const columns = profile.criteria.map((c, j) => j).filter((j) => profile.criteria[j].client === (group === "client"));
      if (!columns.length) continue;
      controls.appendChild(element("h3", { text: capital(say("group_" + group, {})) }));
      for (const j of columns) {
        const criterion = profile.criteria[j];
        const slider = element("input", { type: "range", min: "0", max: "100", step: "0.1", id: "w-" + criterion.id,
          "aria-label": criterion.name, oninput: () => setWeight(j, Number(slider.value) / 100) });
        const lock = element("input", { type: "checkbox", id: "lock-" + criterion.id, title: say("board_lock", {}),
          "aria-label": say("board_lock", {}) + DATA.colon + criterion.name,
          onchange: () => { state.locked[j] = lock.checked; } });
        const value = element("output", { for: "w-" + criterion.id });
        view.sliders.push(slider);
        view.values.push(value);
        view.locks.push(lock);
        controls.appendChild(element("div", { class: "weight" },
          element("label", { for: "w-" + criterion.id, text: criterion.name }), slider, value,
          element("label", { class: "lock", title: say("board_lock", {}) }, lock, padlock())));
      }
    }
    const hasBoth = profile.criteria.some((c) => c.client) && profile.criteria.some((c) => !c.client);
    if (hasBoth) {
      view.split = element("input", { type: "range", min: "0", max: "100", step: "1", id: "split",
        "aria-label": say("board_client_share", {}), oninput: () => setClientShare(Number(view.split.value) / 100) });
      view.splitValue = element("output", { for: "split" });
      controls.appendChild(element("div", { class: "weight split" },
        element("label", { for: "split", text: say("board_client_share", {}) }), view.split, view.splitValue));
    }
    controls.appendChild(element("h2", { text: say("board_channels", {}) }));
    const channels = element("div", { class: "channels" });
    view.toggles = profile.channels.map((channel, i) => {
      const box = element("input", { type: "checkbox", id: "c-" + channel.id,
        onchange: () => { state.included[i] = box.checked; update(); } });
      box.checked = state.included[i];
      channels.appendChild(element("label", {}, box, element("span", { text: channel.name })));
      return box;
    });
    controls.appendChild(channels);
    const buttons = element("div", { class: "buttons" },
      element("button", { type: "button", id: "reset", text: say("board_reset", {}), onclick: reset }),
      element("button", { type: "button", id: "download", text: say("board_download", {}), onclick: download }));
    controls.appendChild(buttons);
    const results = element("section", { class: "results" });
    results.appendChild(element("h2", { text: say("board_ranking", {}) }));
    view.ranking = element("ol", { id: "ranking" });
    results.appendChild(view.ranking);
    view.mix = element("p", { id: "mix", class: "mix" });
    view.stability = element("p", { id: "stability", class: "stability" });
    results.appendChild(view.mix);
    results.appendChild(view.stability);
    results.appendChild(element("h2", { text: say("board_levers", {}) }));
    view.levers = element("ul", { id: "levers" });
    results.appendChild(view.levers);
    view.timing = element("p", { class: "timing", id: "timing" });
    const layout = element("div", { class: "layout" }, controls, results);
    root.appendChild(layout);
    root.appendChild(element("footer", {}, element("p", { text: say("board_footer", { version: DATA.version }) }), view.timing));
    update();
  }

  function update() {
    const started = performance.now();
    const profile = DATA.profiles[state.profile];
    const weights = effective();
    weights.forEach((w, j) => {
      view.sliders[j].value = String(Math.round(w * 1000) / 10);
      view.values[j].textContent = percent(w);
    });
    if (view.split) {
      const clientShare = sum(weights.filter((_, j) => profile.criteria[j].client));
      view.split.value = String(Math.round(clientShare * 100));
      view.splitValue.textContent = percent(clientShare) + (state.split === null ? " (" + say("board_split_off", {}) + ")" : "");
    }
    const result = evaluate(state, true);
    view.ranking.textContent = "";
    view.levers.textContent = "";
    if (result.empty) {
      view.mix.textContent = say("board_none_in", {});
      view.stability.textContent = "";
    } else {
      const { decision, ranking, items } = result;
      items.forEach((item, k) => {
        const channel = profile.channels[decision.rows[item.row]];
        const score = ranking.scores[item.row];
        const bar = element("span", { class: "bar" });
        bar.style.width = (Math.max(0, (score - 1) / 2) * 100).toFixed(1) + "%";
        view.ranking.appendChild(element("li", { "data-channel": channel.id, "data-rank": String(item.rank) },
          element("span", { class: "rank", text: String(item.rank) }),
          element("span", { class: "name", text: channel.name }),
          element("span", { class: "track" }, bar),
          element("span", { class: "score", text: number(score) }),
          element("p", { class: "why", text: why(decision, item) })));
        return k;
      });
      const mix = result.mix;
      const names = mix.members.map((i) => profile.channels[decision.rows[i]].name).join(" + ");
      view.mix.textContent = mix.recommended
        ? say("board_mix", { size: counted(mix.members.length, "channels"), channels: names, coverage: number(mix.coverage),
          best: number(mix.best) })
        : say("board_mix_none", { channels: names, coverage: number(mix.coverage), best: number(mix.best) });
      view.stability.textContent = stabilityText(decision, ranking, result.stability);
      const shown = result.levers.levers.slice(0, LEVERS_SHOWN);
      if (!shown.length) view.levers.appendChild(element("li", { text: say("lever_none", {}) }));
      for (const lever of shown) view.levers.appendChild(element("li", { text: leverSentence(decision, result.levers, lever) }));
      if (result.levers.levers.length > shown.length) {
        view.levers.appendChild(element("li", { class: "more",
          text: say("board_levers_more", { count: result.levers.levers.length - shown.length }) }));
      }
    }
    const elapsed = performance.now() - started;
    timings.push(elapsed);
    view.timing.textContent = say("board_timing", { ms: number(elapsed, 1) });
  }

  function stabilityText(decision, ranking, interval) {
    if (!interval) return "";
    const profile = decision.profile;
    const name = (row) => profile.channels[decision.rows[row]].name;
    const criterion = capital(profile.criteria[interval.criterion].name);
    if (interval.low.channel === null && interval.high.channel === null) {
      return say("board_stability_none", { criterion, weight: percent(interval.weight) });
    }
    const parts = [say("board_stability", { criterion, weight: percent(interval.weight), first: name(ranking.order[0]),
      low: percent(interval.low.weight), high: percent(interval.high.weight) })];
    if (interval.low.channel !== null) {
      parts.push(say("board_stability_low", { low: percent(interval.low.weight), channel: name(interval.low.channel),
        other: name(interval.low.passes) }));
    }
    if (interval.high.channel !== null) {
      parts.push(say("board_stability_high", { high: percent(interval.high.weight), channel: name(interval.high.channel),
        other: name(interval.high.passes) }));
    }
    return parts.join(" ");
  }

  // ---- the scenario file ----

  function yamlNumber(value) {
    const text = String(value);
    // YAML 1.1 (PyYAML) reads 1e-07 as a string: small weights are written out in full.
    return /e/.test(text) ? value.toFixed(20).replace(/0+$/, "") : text;
  }

  function yamlText(text) {
    return JSON.stringify(text);
  }

  // A text of the scenario in every language, as YAML: {en: "...", fr: "..."}.
  function bilingual(key, values) {
    const parts = Object.entries(DATA.scenarioWords).map(([lang, words]) =>
      lang + ": " + yamlText(words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name](lang)))));
    return "{" + parts.join(", ") + "}";
  }

  function scenarioText() {
    const profile = DATA.profiles[state.profile];
    const reason = bilingual("board_scenario_reason", {});
    const lines = ["format: channelscore/scenario@1", "language: " + DATA.lang,
      "id: " + profile.id.replace(/\+/g, "-") + "-board",
      "names: " + bilingual("board_scenario_name", { profile: (lang) => profile.names[lang] }),
      "base: " + (Array.isArray(profile.base) ? "[" + profile.base.join(", ") + "]" : profile.base)];
    if (state.split !== null) {
      lines.push("group_split: {client: " + yamlNumber(state.split[0]) + ", enterprise: " + yamlNumber(state.split[1])
        + ", reason: " + reason + "}");
    }
    lines.push("weights:");
    profile.criteria.forEach((criterion, j) => {
      lines.push("  " + criterion.id + ": {value: " + yamlNumber(state.raw[j]) + ", reason: " + reason + "}");
    });
    const out = profile.channels.filter((_, i) => !state.included[i]);
    if (out.length) {
      lines.push("not_applicable:");
      for (const channel of out) {
        lines.push("  - {channel: " + channel.id + ", reason: " + bilingual("board_left_out", {}) + "}");
      }
    }
    return lines.join("\n") + "\n";
  }

  function download() {
    const blob = new Blob([scenarioText()], { type: "application/yaml" });
    const link = element("a", { href: URL.createObjectURL(blob),
      download: DATA.profiles[state.profile].id.replace(/\+/g, "-") + "-board.yaml" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  window.channelscoreBoard = { data: DATA, state, evaluate, summary, normalise, orderAndRanks, fixed, percent,
    scenarioText, setWeight, setClientShare, reset, timings };
  reset();
})();
