/*
 * model1.c: an independent implementation of Concert's model 1 in plain C99 (libc and libm only).
 *
 * It exists for two reasons:
 *   1. a cross-check: written from docs/MODEL.md, it must count exactly what the TypeScript engine
 *      counts for the same scenario, seed and passes (tests/core/reference.test.ts);
 *   2. a speed yardstick: "a plain C loop of the same model" (tests/bench/reference.bench.ts).
 *
 * It reads a model file written by tests/reference/modelFile.ts from a validated scenario (see
 * docs/REFERENCE.md for the format) and prints every count of the run's tally. It takes the
 * scenario's raw numbers and derives the rest itself (logits, bloc loadings, objection radii, the
 * status quo's signal); the only numbers it takes from the engine are the ziggurat tables (see
 * there why).
 *
 * Usage:
 *   model1 MODEL_FILE PASSES SEED      run PASSES passes from SEED and print the tally
 *   model1 --tables                    print the ziggurat tables (kn, wn, fn), one layer a line
 *   model1 --libm-tables               the same, computed with the C library (for comparison)
 *   model1 --stream SEED BLOCK N       print N uniforms, then N normals from a fresh stream, of
 *                                      block BLOCK of a run with SEED
 * SEED is the seed as JavaScript's String(seed) writes it, in UTF-8.
 *
 * Compile with -std=c99 -ffp-contract=off: IEEE double arithmetic, in the order written, no fused
 * multiply-adds (JavaScript rounds every operation), no -ffast-math.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */

static void fail(const char *message, const char *detail) {
  fprintf(stderr, "model1: %s%s%s\n", message, detail == NULL ? "" : ": ", detail == NULL ? "" : detail);
  exit(2);
}

static void *allocate(size_t count, size_t size) {
  void *p = calloc(count == 0 ? 1 : count, size);
  if (p == NULL) fail("out of memory", NULL);
  return p;
}

/* ------------------------------------------------------------------------------------------ */
/* JavaScript's number conversions                                                            */

/* ToUint32 (ECMAScript 7.1.7), as `x >>> 0` applies it: truncate, then reduce modulo 2^32. */
static uint32_t to_uint32(double x) {
  if (!isfinite(x)) return 0;
  double t = fmod(trunc(x), 4294967296.0);
  if (t < 0) t += 4294967296.0;
  return (uint32_t)t;
}

/* Math.round for the non-negative finite values the tally rounds: nearest, ties up. */
static double js_round(double x) {
  double r = floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

/* ------------------------------------------------------------------------------------------ */
/* seedrandom's Alea, seeded by its Mash (seedrandom 3.0.5, lib/alea.js), ported line by line. */

typedef struct {
  double n;
} Mash;

/* One call of Mash over a string given as UTF-16 code units (String.prototype.charCodeAt). */
static double mash(Mash *m, const uint16_t *units, size_t length) {
  double n = m->n;
  for (size_t i = 0; i < length; i++) {
    n += units[i];
    double h = 0.02519603282416938 * n;
    n = to_uint32(h);
    h -= n;
    h *= n;
    n = to_uint32(h);
    h -= n;
    n += h * 4294967296.0; /* 2^32 */
  }
  m->n = n;
  return to_uint32(n) * 2.3283064365386963e-10; /* 2^-32 */
}

typedef struct {
  double c, s0, s1, s2;
} Alea;

static void alea_seed(Alea *g, const uint16_t *key, size_t length) {
  Mash m = {(double)0xefc8249du};
  const uint16_t space = ' ';
  g->c = 1;
  g->s0 = mash(&m, &space, 1);
  g->s1 = mash(&m, &space, 1);
  g->s2 = mash(&m, &space, 1);
  g->s0 -= mash(&m, key, length);
  if (g->s0 < 0) g->s0 += 1;
  g->s1 -= mash(&m, key, length);
  if (g->s1 < 0) g->s1 += 1;
  g->s2 -= mash(&m, key, length);
  if (g->s2 < 0) g->s2 += 1;
}

/* A uniform number in [0, 1): one step of Alea. */
static inline double uniform(Alea *g) {
  double t = 2091639 * g->s0 + g->c * 2.3283064365386963e-10; /* 2^-32 */
  g->s0 = g->s1;
  g->s1 = g->s2;
  g->c = (double)(int32_t)t; /* `t | 0`: t is in [0, 2091640), where ToInt32 truncates */
  g->s2 = t - g->c;
  return g->s2;
}

/* A signed 32-bit integer from one Alea step: `(uniform() * 2^32) | 0`. The product is a whole
 * number in [0, 2^32), since Alea's state is kept in multiples of 2^-32. */
static inline int32_t int32_draw(Alea *g) {
  uint32_t u = (uint32_t)(uniform(g) * 4294967296.0);
  return u >= 2147483648u ? (int32_t)((int64_t)u - 4294967296LL) : (int32_t)u;
}

/* ------------------------------------------------------------------------------------------ */
/* Marsaglia and Tsang's ziggurat (J. Stat. Software 5(8), 2000), 128 layers.                 */

#define LAYERS 128
static const double TAIL_START = 3.442619855899;
static const double LAYER_AREA = 9.91256303526217e-3;

/* The tables are the engine's: Marsaglia and Tsang's `zigset`, computed with V8's exp, log and
 * sqrt, and printed by tests/reference/zigguratTables.ts. `zigset` is a recursion over 126
 * layers; computed with the C library (zigset_libm below, `model1 --libm-tables`), whose exp and
 * log differ from V8's in the last bit for about one argument in ten, its bottom layers come out
 * up to 15 ulps away. The tables are part of the model, so they are embedded here.
 * BEGIN TABLES (generated) */
static const double kn[LAYERS] = {
    1991057938.2067924, 0, 1611602771.8942416, 1826899878.8753192,
    1918584482.0597541, 1969227037.045243, 2001281515.4485404, 2023368125.4960496,
    2039498179.8288991, 2051788381.1056004, 2061460127.2008011, 2069267110.1840699,
    2075699398.1048021, 2081089314.1945388, 2085670119.3725302, 2089610331.36553,
    2093034710.84116, 2096037586.8514025, 2098691595.2054274, 2101053571.0471342,
    2103168620.672182, 2105072996.4910161, 2106796166.2145467, 2108362327.8679097,
    2109791536.3174844, 2111100552.7224882, 2112303493.2565396, 2113412330.3212821,
    2114437283.9401166, 2115387130.405803, 2116269447.889128, 2117090813.5295064,
    2117856962.828201, 2118572919.492441, 2119243101.9263887, 2119871411.1234071,
    2120461303.6391132, 2121015852.5155885, 2121537798.4127433, 2122029592.732526,
    2122493434.1587834, 2122931299.7536135, 2123344971.5303628, 2123736059.2496164,
    2124106020.0467653, 2124456175.389911, 2124787725.7788148, 2125101763.5246167,
    2125399283.8925512, 2125681194.8430712, 2125948325.5684924, 2126201433.9907925,
    2126441213.3602457, 2126668298.0730126, 2126883268.8079197, 2127086657.067647,
    2127278949.196999, 2127460589.9403284, 2127631985.5912066, 2127793506.7798347,
    2127945490.9371474, 2128088244.4690056, 2128222044.66903, 2128347141.394438,
    2128463758.5255978, 2128572095.2267582, 2128672327.0225587, 2128764606.7023077,
    2128849065.0616746, 2128925811.489233, 2128994934.4032462, 2129056501.5420895,
    2129110560.109782, 2129157136.776144, 2129196237.5291202, 2129227847.374734,
    2129251929.8779163, 2129268426.535068, 2129277255.9665291, 2129278312.914172,
    2129271467.025925, 2129256561.4051375, 2129233410.8981552, 2129201800.0881681,
    2129161480.957094, 2129112170.1698027, 2129053545.9260244, 2128985244.3145087,
    2128906855.0909345, 2128817916.7851686, 2128717911.0239522, 2128606255.931104,
    2128482298.4375496, 2128345305.2964296, 2128194452.5520542, 2128028813.152853,
    2127847342.3240566, 2127648860.220709, 2127432031.259155, 2127195339.3662727,
    2126937058.1779807, 2126655214.9445639, 2126347546.5357056, 2126011445.4481058,
    2125643893.0531597, 2125241376.4086218, 2124799783.6887107, 2124314271.5002837,
    2123779094.8021932, 2123187386.448811, 2122530867.9330323, 2121799464.7342384,
    2120980787.173791, 2120059418.1211565, 2119015917.5389686, 2117825402.2010543,
    2116455471.1664875, 2114863093.2305245, 2112989789.9717023, 2110753906.149009,
    2108037662.3089104, 2104664315.7879713, 2100355223.478468, 2094642347.9207935,
    2086670106.5073307, 2074676188.2020674, 2054300022.412501, 2010539237.622232,
};
static const double wn[LAYERS] = {
    1.729040521542798e-9, 1.2680928447002724e-10, 1.689751777318452e-10, 1.9862688442479023e-10,
    2.2232431792499931e-10, 2.424493612544891e-10, 2.6016131900632044e-10, 2.7611988711703935e-10,
    2.907396281771596e-10, 3.0429970414376576e-10, 3.169979521395425e-10, 3.2898020527113044e-10,
    3.403573812183405e-10, 3.512160221366469e-10, 3.616250995056515e-10, 3.7164057634959775e-10,
    3.813085643110597e-10, 3.906675680994881e-10, 3.99750118699769e-10, 4.08583986159844e-10,
    4.1719309640160644e-10, 4.2559823534592616e-10, 4.3381759739255095e-10, 4.418672181252885e-10,
    4.497613196266581e-10, 4.575125889458828e-10, 4.651324048140009e-10, 4.726310238481175e-10,
    4.800177347232567e-10, 4.873009867798748e-10, 4.944884980538973e-10, 5.015873466119616e-10,
    5.08604048242456e-10, 5.15544622919539e-10, 5.224146519706316e-10, 5.292193275006305e-10,
    5.35963495331289e-10, 5.426516924820619e-10, 5.492881800346021e-10, 5.558769720760773e-10,
    5.624218612983588e-10, 5.68926441734655e-10, 5.753941290375603e-10, 5.818281786390899e-10,
    5.88231702081217e-10, 5.946076817624996e-10, 6.009589843108303e-10, 6.072883727627885e-10,
    6.135985177054135e-10, 6.198920075155922e-10, 6.261713578149429e-10, 6.324390202435402e-10,
    6.386973906435736e-10, 6.449488167337383e-10, 6.511956053464698e-10, 6.574400292928599e-10,
    6.636843339139875e-10, 6.699307433723301e-10, 6.761814667327444e-10, 6.824387038791137e-10,
    6.887046513100733e-10, 6.949815078551667e-10, 7.012714803513155e-10, 7.07576789318556e-10,
    7.138996746735849e-10, 7.202424015197486e-10, 7.266072660527047e-10, 7.329966016220864e-10,
    7.394127849911228e-10, 7.458582428383539e-10, 7.523354585483488e-10, 7.588469793417652e-10,
    7.653954237992263e-10, 7.7198348983844e-10, 7.786139632098381e-10, 7.852897265828997e-10,
    7.920137693034098e-10, 7.987891979113536e-10, 8.05619247520217e-10, 8.125072941713968e-10,
    8.194568682925745e-10, 8.264716694066623e-10, 8.335555822587844e-10, 8.40712694553299e-10,
    8.479473165218371e-10, 8.552640025776093e-10, 8.626675753519362e-10, 8.701631524574423e-10,
    8.777561763803284e-10, 8.854524479737278e-10, 8.932581641080369e-10, 9.011799601356605e-10,
    9.092249579511381e-10, 9.174008205786005e-10, 9.257158144040126e-10, 9.341788803988472e-10,
    9.427997159666314e-10, 9.515888693998883e-10, 9.605578493831253e-10, 9.697192525453944e-10,
    9.7908691279089e-10, 9.886760770687724e-10, 9.985036134535425e-10, 1.0085882589914473e-9,
    1.0189509168621382e-9, 1.0296150152006668e-9, 1.0406069436999874e-9, 1.0519565892728039e-9,
    1.0636979991930871e-9, 1.0758702101645819e-9, 1.0885182960607283e-9, 1.1016947078135044e-9,
    1.1154610095597163e-9, 1.1298901613493216e-9, 1.1450695700067237e-9, 1.1611052426022348e-9,
    1.178127560945613e-9, 1.1962995053850756e-9, 1.2158286983295564e-9, 1.2369856290804966e-9,
    1.2601323300608525e-9, 1.2857696844205153e-9, 1.3146201849677183e-9, 1.3477839562210855e-9,
    1.3870635315067043e-9, 1.435740319181638e-9, 1.5008659030222993e-9, 1.6030947938091123e-9,
};
static const double fn[LAYERS] = {
    1, 0.9635996931270864, 0.9362826816850598, 0.9130436479717404,
    0.8922816507840263, 0.8732430489100698, 0.8555006078694508, 0.8387836052959898,
    0.8229072113814092, 0.8077382946829608, 0.7931770117713053, 0.7791460859296879,
    0.7655841738977047, 0.7524415591746116, 0.7396772436726475, 0.727256918344185,
    0.7151515074104987, 0.7033360990161582, 0.6917891434366752, 0.6804918409973342,
    0.6694276673488905, 0.6585820000500882, 0.6479418211102226, 0.6374954773350424,
    0.6272324852499274, 0.617143370818881, 0.6072195366251204, 0.5974531509445168,
    0.5878370544347066, 0.5783646811197631, 0.5690299910679509, 0.5598274127040869,
    0.5507517931146045, 0.5417983550254255, 0.5329626593838361, 0.5242405726729841,
    0.5156282382440018, 0.507122051075569, 0.4987186354709795, 0.4904148252838441,
    0.4822076463294852, 0.47409430069301695, 0.4660721526894561, 0.458138716267872,
    0.4502916436820392, 0.44252871527546844, 0.43484783024999085, 0.427246998304996,
    0.4197243320495744, 0.412278040102661, 0.40490642080722294, 0.3976078564938733,
    0.3903808082373146, 0.3832238110559012, 0.37613546951056254, 0.3691144536644722,
    0.3621594953693176, 0.3552693848479172, 0.34844296754632664, 0.3416791412315504,
    0.3349768533135892, 0.32833509837285024, 0.3217529158759849, 0.3152293880650109,
    0.3087636380061811, 0.30235482778648354, 0.296002156846933, 0.28970486044295984,
    0.283462208223233, 0.2772735029191881, 0.2711380791383846, 0.2650553022555892,
    0.25902456739620483, 0.25304529850732577, 0.2471169475123214, 0.24123899354543982,
    0.23541094226347908, 0.22963232523211613, 0.22390269938500842, 0.21822164655430543,
    0.2125887730717303, 0.2070037094399266, 0.20146611007431373, 0.1959756531162778,
    0.19053204031913723, 0.18513499700899227, 0.1797842721232955, 0.17447963833078958,
    0.169220892237365, 0.16400785468342038, 0.1588403711394793, 0.15371831220818166,
    0.14864157424234226, 0.14361008009062776, 0.1386237799845946, 0.13368265258343937,
    0.1287867061959432, 0.12393598020286782, 0.11913054670765083, 0.11437051244886601,
    0.10965602101484027, 0.10498725540942132, 0.10036444102865587, 0.09578784912173144,
    0.09125780082683024, 0.08677467189478019, 0.08233889824223566, 0.0779509825139734,
    0.0736115018841134, 0.06932111739357791, 0.06508058521306807, 0.060890770348040406,
    0.05675266348104985, 0.05266740190305101, 0.048636295859867805, 0.044660862200491425,
    0.040742868074444175, 0.0368843887866562, 0.03308788614622575, 0.02935631744000685,
    0.02569329193593427, 0.022103304615927098, 0.018592102737011288, 0.015167298010546568,
    0.011839478657884862, 0.008624484412859885, 0.005548995220771345, 0.002669629083880923,
};
/* END TABLES */

/* `zigset` computed with the C library, for comparison only (`model1 --libm-tables`). */
static void zigset_libm(double *k, double *w, double *f) {
  const double m1 = 2147483648.0; /* 2^31 */
  double dn = TAIL_START, tn = dn;
  double q = LAYER_AREA / exp(-0.5 * dn * dn);
  k[0] = (dn / q) * m1;
  k[1] = 0;
  w[0] = q / m1;
  w[LAYERS - 1] = dn / m1;
  f[0] = 1;
  f[LAYERS - 1] = exp(-0.5 * dn * dn);
  for (int i = LAYERS - 2; i >= 1; i--) {
    dn = sqrt(-2 * log(LAYER_AREA / dn + exp(-0.5 * dn * dn)));
    k[i + 1] = (dn / tn) * m1;
    tn = dn;
    f[i] = exp(-0.5 * dn * dn);
    w[i] = dn / m1;
  }
}

/* The rare cases: the base layer's tail, and the wedges beside the layers. */
static double normal_slow(Alea *g, int32_t hz, int layer) {
  for (;;) {
    double x = hz * wn[layer];
    if (layer == 0) {
      double tail, y;
      do {
        tail = -log(1 - uniform(g)) / TAIL_START;
        y = -log(1 - uniform(g));
      } while (y + y < tail * tail);
      return hz > 0 ? TAIL_START + tail : -TAIL_START - tail;
    }
    if (fn[layer] + uniform(g) * (fn[layer - 1] - fn[layer]) < exp(-0.5 * x * x)) return x;
    hz = int32_draw(g);
    layer = hz & 127;
    hz &= ~127;
    if (fabs((double)hz) < kn[layer]) return hz * wn[layer];
  }
}

/* A standard normal number: one 32-bit draw, its low 7 bits pick the layer, the other 25 bits
 * (low 7 cleared) the point. */
static inline double normal(Alea *g) {
  int32_t hz = int32_draw(g);
  int layer = hz & 127;
  hz &= ~127;
  if (fabs((double)hz) < kn[layer]) return hz * wn[layer];
  return normal_slow(g, hz, layer);
}

/* ------------------------------------------------------------------------------------------ */
/* Block streams: block j of a run with seed s is seeded from the key "concert/1/<s>/<j>".     */

/* Decodes UTF-8 into UTF-16 code units, as a JavaScript string holds the seed. */
static size_t utf16_of_utf8(const char *text, uint16_t *out, size_t capacity) {
  const unsigned char *p = (const unsigned char *)text;
  size_t length = 0;
  while (*p != 0) {
    uint32_t cp;
    int extra;
    if (*p < 0x80) cp = *p, extra = 0;
    else if ((*p & 0xE0) == 0xC0) cp = *p & 0x1F, extra = 1;
    else if ((*p & 0xF0) == 0xE0) cp = *p & 0x0F, extra = 2;
    else if ((*p & 0xF8) == 0xF0) cp = *p & 0x07, extra = 3;
    else fail("the seed is not valid UTF-8", text);
    p++;
    for (int k = 0; k < extra; k++, p++) {
      if ((*p & 0xC0) != 0x80) fail("the seed is not valid UTF-8", text);
      cp = (cp << 6) | (*p & 0x3F);
    }
    if (length + 2 > capacity) fail("the seed is too long (at most 200 characters)", text);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[length++] = (uint16_t)(0xD800 + (cp >> 10));
      out[length++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    } else out[length++] = (uint16_t)cp;
  }
  return length;
}

#define KEY_CAPACITY 512

static void block_stream(Alea *g, const char *seed, long block) {
  char text[KEY_CAPACITY * 4];
  uint16_t units[KEY_CAPACITY];
  if (strlen(seed) > 4 * 200) fail("the seed is too long (at most 200 characters)", NULL);
  snprintf(text, sizeof text, "concert/1/%s/%ld", seed, block);
  alea_seed(g, units, utf16_of_utf8(text, units, KEY_CAPACITY));
}

/* ------------------------------------------------------------------------------------------ */
/* The model, as the model file gives it (raw scenario values; this file derives the rest).    */

enum { HAWKISHNESS = 0, ENGAGEMENT_PREFERENCE = 1, SALIENCE = 2, PARAMETERS = 3 };

typedef struct {
  int allies, options, blocs, events;
  double weight_firmness, weight_engagement;
  double sq_firmness, sq_engagement, sq_visibility;
  int max_rounds;
  double step, max_drift;
  double exponent;
  int threshold_fixed;
  double threshold_base, threshold_uncertainty; /* logit(center) and the logit-scale sd */

  /* per ally * 3 + parameter */
  unsigned char *fixed;
  double *base; /* the fixed value, or logit(center) */
  double *uncertainty;
  /* per ally */
  int *bloc_of;
  double *bloc_loading, *own_loading; /* sqrt(rho), sqrt(1 - rho) */
  double *influence, *solidarity_cost;
  /* per event; shifts of event e are [shift_start[e], shift_start[e + 1]) */
  double *event_probability;
  int *shift_start, *shift_target;
  double *shift_by;
  /* per option */
  double *option_firmness, *option_engagement, *option_visibility;

  double status_quo_signal;
} Model;

static double logit(double p) { return log(p / (1 - p)); }
static double sigmoid(double x) { return 1 / (1 + exp(-x)); }

typedef struct {
  FILE *file;
  const char *path;
  char token[256];
} Reader;

static const char *next_token(Reader *r, const char *expected) {
  if (fscanf(r->file, "%255s", r->token) != 1) {
    char detail[512];
    snprintf(detail, sizeof detail, "%s ended where %s was expected", r->path, expected);
    fail("bad model file", detail);
  }
  return r->token;
}

static void expect_word(Reader *r, const char *word) {
  if (strcmp(next_token(r, word), word) != 0) {
    char detail[768];
    snprintf(detail, sizeof detail, "%s: expected \"%s\", found \"%s\"", r->path, word, r->token);
    fail("bad model file", detail);
  }
}

static double read_number(Reader *r, const char *what, double low, double high) {
  const char *text = next_token(r, what);
  char *end;
  double value = strtod(text, &end);
  if (*end != 0 || !isfinite(value) || value < low || value > high) {
    char detail[768];
    snprintf(detail, sizeof detail, "%s: %s must be a number from %g to %g, found \"%s\"", r->path, what, low, high, text);
    fail("bad model file", detail);
  }
  return value;
}

static int read_count(Reader *r, const char *what, int low, int high) {
  double value = read_number(r, what, low, high);
  if (value != floor(value)) {
    char detail[768];
    snprintf(detail, sizeof detail, "%s: %s must be a whole number, found \"%s\"", r->path, what, r->token);
    fail("bad model file", detail);
  }
  return (int)value;
}

/* An uncertain parameter: "fixed <value>" or "uncertain <center> <uncertainty>". */
static void read_uncertain(Reader *r, const char *what, unsigned char *fixed, double *base, double *uncertainty) {
  const char *kind = next_token(r, "\"fixed\" or \"uncertain\"");
  if (strcmp(kind, "fixed") == 0) {
    *fixed = 1;
    *base = read_number(r, what, 0, 1);
    *uncertainty = 0;
  } else if (strcmp(kind, "uncertain") == 0) {
    *fixed = 0;
    *base = logit(read_number(r, what, 0x1p-1074, 1 - 0x1p-53));
    *uncertainty = read_number(r, what, 0, 10);
  } else {
    char detail[768];
    snprintf(detail, sizeof detail, "%s: %s must be \"fixed <value>\" or \"uncertain <center> <uncertainty>\", found \"%s\"", r->path, what, kind);
    fail("bad model file", detail);
  }
}

static void read_model(const char *path, Model *m) {
  Reader r = {fopen(path, "r"), path, {0}};
  if (r.file == NULL) fail("cannot read the model file", path);
  expect_word(&r, "concert-model1");
  if (read_count(&r, "the format version", 1, 1000) != 1) fail("bad model file", "only format version 1 is known");
  expect_word(&r, "allies");
  m->allies = read_count(&r, "allies", 1, 1000);
  expect_word(&r, "options");
  m->options = read_count(&r, "options", 1, 200);
  expect_word(&r, "blocs");
  m->blocs = read_count(&r, "blocs", 0, 1000);
  expect_word(&r, "events");
  m->events = read_count(&r, "events", 0, 200);
  expect_word(&r, "weights");
  m->weight_firmness = read_number(&r, "the firmness weight", 0, 100);
  m->weight_engagement = read_number(&r, "the engagement weight", 0, 100);
  expect_word(&r, "statusQuo");
  m->sq_firmness = read_number(&r, "statusQuo firmness", 0, 1);
  m->sq_engagement = read_number(&r, "statusQuo engagement", 0, 1);
  m->sq_visibility = read_number(&r, "statusQuo visibility", 0, 1);
  expect_word(&r, "bargaining");
  m->max_rounds = read_count(&r, "maxRounds", 0, 50);
  m->step = read_number(&r, "step", 0, 1);
  m->max_drift = read_number(&r, "maxDrift", 0, 2);
  expect_word(&r, "signal");
  m->exponent = read_number(&r, "the signal exponent", 0, 10);
  const char *formula = next_token(&r, "\"threshold\" or \"formula\"");
  if (strcmp(formula, "formula") == 0)
    fail("this scenario sets signal.formula; the C reference implements only the default signal "
         "visibility * firmness ^ exponent, so it cannot check this scenario", NULL);
  if (strcmp(formula, "threshold") != 0) fail("bad model file", "expected \"threshold\" after the signal exponent");
  {
    unsigned char fixed;
    read_uncertain(&r, "the threshold", &fixed, &m->threshold_base, &m->threshold_uncertainty);
    m->threshold_fixed = fixed;
  }

  double *correlation = allocate((size_t)m->blocs, sizeof(double));
  for (int b = 0; b < m->blocs; b++) {
    expect_word(&r, "bloc");
    correlation[b] = read_number(&r, "a bloc's correlation", 0, 1);
  }

  int slots = m->allies * PARAMETERS;
  m->fixed = allocate((size_t)slots, 1);
  m->base = allocate((size_t)slots, sizeof(double));
  m->uncertainty = allocate((size_t)slots, sizeof(double));
  m->bloc_of = allocate((size_t)m->allies, sizeof(int));
  m->bloc_loading = allocate((size_t)m->allies, sizeof(double));
  m->own_loading = allocate((size_t)m->allies, sizeof(double));
  m->influence = allocate((size_t)m->allies, sizeof(double));
  m->solidarity_cost = allocate((size_t)m->allies, sizeof(double));
  static const char *names[PARAMETERS] = {"hawkishness", "engagementPreference", "salience"};
  for (int a = 0; a < m->allies; a++) {
    expect_word(&r, "ally");
    int bloc = read_count(&r, "an ally's bloc index (-1 for none)", -1, m->blocs - 1);
    double rho = bloc < 0 ? 0 : correlation[bloc];
    m->bloc_of[a] = bloc;
    m->bloc_loading[a] = sqrt(rho);
    m->own_loading[a] = sqrt(1 - rho);
    m->influence[a] = read_number(&r, "influence", 0x1p-1074, 1000);
    m->solidarity_cost[a] = read_number(&r, "solidarityCost", 0, 10);
    for (int p = 0; p < PARAMETERS; p++) {
      int slot = a * PARAMETERS + p;
      read_uncertain(&r, names[p], &m->fixed[slot], &m->base[slot], &m->uncertainty[slot]);
    }
  }
  free(correlation);

  m->event_probability = allocate((size_t)m->events, sizeof(double));
  m->shift_start = allocate((size_t)m->events + 1, sizeof(int));
  int capacity = 16, used = 0;
  m->shift_target = allocate((size_t)capacity, sizeof(int));
  m->shift_by = allocate((size_t)capacity, sizeof(double));
  for (int e = 0; e < m->events; e++) {
    expect_word(&r, "event");
    m->event_probability[e] = read_number(&r, "an event's probability", 0, 1);
    int shifts = read_count(&r, "an event's number of shifts", 0, 1000000);
    m->shift_start[e] = used;
    for (int k = 0; k < shifts; k++) {
      if (used == capacity) {
        capacity *= 2;
        m->shift_target = realloc(m->shift_target, (size_t)capacity * sizeof(int));
        m->shift_by = realloc(m->shift_by, (size_t)capacity * sizeof(double));
        if (m->shift_target == NULL || m->shift_by == NULL) fail("out of memory", NULL);
      }
      m->shift_target[used] = read_count(&r, "a shift's slot (ally * 3 + parameter)", 0, slots - 1);
      m->shift_by[used] = read_number(&r, "a shift's amount", -20, 20);
      used++;
    }
  }
  m->shift_start[m->events] = used;

  m->option_firmness = allocate((size_t)m->options, sizeof(double));
  m->option_engagement = allocate((size_t)m->options, sizeof(double));
  m->option_visibility = allocate((size_t)m->options, sizeof(double));
  for (int o = 0; o < m->options; o++) {
    expect_word(&r, "option");
    m->option_firmness[o] = read_number(&r, "an option's firmness", 0, 1);
    m->option_engagement[o] = read_number(&r, "an option's engagement", 0, 1);
    m->option_visibility[o] = read_number(&r, "an option's visibility", 0, 1);
  }
  expect_word(&r, "end");
  fclose(r.file);

  /* The signal when no text is adopted: the status quo's. */
  m->status_quo_signal = m->sq_visibility * pow(m->sq_firmness, m->exponent);
}

/* ------------------------------------------------------------------------------------------ */
/* One pass: the world, then the consensus procedure of each option.                          */

typedef struct {
  double *shift, *bloc_draw, *stance;
  double *hawkishness, *engagement_preference, *salience, *radius_squared;
  double threshold;
} World;

/* Draws one world. Fixed order, whatever the values: one uniform per event; one normal per bloc
 * and parameter; three normals per ally, fixed parameters included; one normal for the threshold. */
static void sample_world(const Model *m, Alea *g, World *w) {
  int slots = m->allies * PARAMETERS;
  for (int k = 0; k < slots; k++) w->shift[k] = 0;
  for (int e = 0; e < m->events; e++)
    if (uniform(g) < m->event_probability[e])
      for (int k = m->shift_start[e]; k < m->shift_start[e + 1]; k++) w->shift[m->shift_target[k]] += m->shift_by[k];
  for (int k = 0; k < m->blocs * PARAMETERS; k++) w->bloc_draw[k] = normal(g);

  for (int a = 0; a < m->allies; a++) {
    int bloc = m->bloc_of[a];
    for (int p = 0; p < PARAMETERS; p++) {
      int slot = a * PARAMETERS + p;
      double eps = normal(g);
      if (m->fixed[slot]) {
        w->stance[slot] = m->base[slot];
        continue;
      }
      double latent = bloc < 0 ? eps : m->bloc_loading[a] * w->bloc_draw[bloc * PARAMETERS + p] + m->own_loading[a] * eps;
      w->stance[slot] = sigmoid(m->base[slot] + w->shift[slot] + m->uncertainty[slot] * latent);
    }
    double h = w->stance[a * PARAMETERS + HAWKISHNESS];
    double e = w->stance[a * PARAMETERS + ENGAGEMENT_PREFERENCE];
    double s = w->stance[a * PARAMETERS + SALIENCE];
    w->hawkishness[a] = h;
    w->engagement_preference[a] = e;
    w->salience[a] = s;
    /* Ally a objects to x iff s * (d(x) - d(statusQuo)) > cost, that is (both sides >= 0)
     * iff d(x)^2 > (d(statusQuo) + cost / s)^2; with s = 0 it never objects. */
    double df = m->sq_firmness - h, de = m->sq_engagement - e;
    double sq_distance = sqrt(m->weight_firmness * df * df + m->weight_engagement * de * de);
    if (s > 0) {
      double radius = sq_distance + m->solidarity_cost[a] / s;
      w->radius_squared[a] = radius * radius;
    } else w->radius_squared[a] = INFINITY;
  }
  double z = normal(g);
  w->threshold = m->threshold_fixed ? m->threshold_base : sigmoid(m->threshold_base + m->threshold_uncertainty * z);
}

/* ------------------------------------------------------------------------------------------ */
/* The tally: every count of the run, whole numbers.                                          */

#define FINE_BINS 1000
#define SEGMENTS 100
#define FIXED_POINT_SCALE 1048576.0 /* 2^20 */

typedef struct {
  int64_t consensus, first_round, risk, viable, rounds, firmness, engagement, signal;
  int64_t firmness_histogram[FINE_BINS], signal_histogram[FINE_BINS];
} OptionTally;

typedef struct {
  int64_t initial_objection, blocker, sole_blocker;
} AllyTally;

typedef struct {
  OptionTally *options;
  AllyTally *allies;        /* per option * allies + ally */
  int64_t *segment_passes;  /* per segment */
  int64_t *segment_counts;  /* per (segment * options + option) * 2 + (0 consensus, 1 risk) */
} Tally;

static int fine_bin(double value) {
  double bin = floor(value * FINE_BINS);
  return bin < 0 ? 0 : bin >= FINE_BINS ? FINE_BINS - 1 : (int)bin;
}

static int64_t fixed_point(double value) { return (int64_t)js_round(value * FIXED_POINT_SCALE); }

/* The consensus procedure of one option in the current world, counted into the tally. */
static void evaluate_option(const Model *m, const World *w, int option, int segment, Tally *t) {
  const double origin_f = m->option_firmness[option], origin_e = m->option_engagement[option];
  const double wf = m->weight_firmness, we = m->weight_engagement;
  AllyTally *allies = t->allies + (size_t)option * m->allies;
  double f = origin_f, e = origin_e;
  int consensus = 0, round = 0;
  for (; round <= m->max_rounds; round++) {
    int objectors = 0, last_objector = -1;
    double weight = 0, target_f = 0, target_e = 0;
    for (int a = 0; a < m->allies; a++) {
      double h = w->hawkishness[a], eng = w->engagement_preference[a];
      double df = f - h, de = e - eng;
      if (wf * df * df + we * de * de <= w->radius_squared[a]) continue;
      objectors++;
      last_objector = a;
      double influence = m->influence[a] * w->salience[a];
      weight += influence;
      target_f += influence * h;
      target_e += influence * eng;
      if (round == 0) allies[a].initial_objection++;
      if (round == m->max_rounds) allies[a].blocker++;
    }
    if (objectors == 0) {
      consensus = 1;
      break;
    }
    if (round == m->max_rounds) {
      if (objectors == 1) allies[last_objector].sole_blocker++;
      break;
    }
    /* The chair amends toward the objectors' weighted ideal point, within maxDrift of the origin. */
    double mean_f = target_f / weight, mean_e = target_e / weight;
    f = f + m->step * (mean_f - f);
    e = e + m->step * (mean_e - e);
    double drift_f = f - origin_f, drift_e = e - origin_e;
    double drift = sqrt(drift_f * drift_f + drift_e * drift_e);
    if (drift > m->max_drift) {
      double scale = m->max_drift / drift;
      f = origin_f + drift_f * scale;
      e = origin_e + drift_e * scale;
    }
  }

  double signal = consensus ? m->option_visibility[option] * pow(f, m->exponent) : m->status_quo_signal;
  int risk = signal > w->threshold;
  OptionTally *o = t->options + option;
  int64_t *segment_counts = t->segment_counts + ((size_t)segment * m->options + option) * 2;
  if (consensus) {
    o->consensus++;
    if (round == 0) o->first_round++;
    if (!risk) o->viable++;
    o->rounds += round;
    o->firmness += fixed_point(f);
    o->engagement += fixed_point(e);
    o->firmness_histogram[fine_bin(f)]++;
    segment_counts[0]++;
  }
  if (risk) {
    o->risk++;
    segment_counts[1]++;
  }
  o->signal += fixed_point(signal);
  o->signal_histogram[fine_bin(signal)]++;
}

#define BLOCK_SIZE 250

static void run(const Model *m, long passes, const char *seed, Tally *t) {
  int slots = m->allies * PARAMETERS;
  World w;
  w.shift = allocate((size_t)slots, sizeof(double));
  w.stance = allocate((size_t)slots, sizeof(double));
  w.bloc_draw = allocate((size_t)m->blocs * PARAMETERS, sizeof(double));
  w.hawkishness = allocate((size_t)m->allies, sizeof(double));
  w.engagement_preference = allocate((size_t)m->allies, sizeof(double));
  w.salience = allocate((size_t)m->allies, sizeof(double));
  w.radius_squared = allocate((size_t)m->allies, sizeof(double));
  long blocks = (passes + BLOCK_SIZE - 1) / BLOCK_SIZE;
  for (long block = 0; block < blocks; block++) {
    Alea g;
    block_stream(&g, seed, block);
    long in_block = passes - block * BLOCK_SIZE < BLOCK_SIZE ? passes - block * BLOCK_SIZE : BLOCK_SIZE;
    int segment = blocks <= SEGMENTS ? (int)block : (int)((block * SEGMENTS) / blocks);
    t->segment_passes[segment] += in_block;
    for (long pass = 0; pass < in_block; pass++) {
      sample_world(m, &g, &w);
      for (int option = 0; option < m->options; option++) evaluate_option(m, &w, option, segment, t);
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Output and entry point                                                                     */

static void print_tally(const Model *m, long passes, const char *seed, const Tally *t) {
  long blocks = (passes + BLOCK_SIZE - 1) / BLOCK_SIZE;
  printf("model1 passes %ld blocks %ld seed %s\n", passes, blocks, seed);
  for (int o = 0; o < m->options; o++) {
    const OptionTally *x = t->options + o;
    printf("option %d consensus %lld firstRound %lld risk %lld viable %lld rounds %lld firmness %lld engagement %lld signal %lld\n", o,
           (long long)x->consensus, (long long)x->first_round, (long long)x->risk, (long long)x->viable, (long long)x->rounds,
           (long long)x->firmness, (long long)x->engagement, (long long)x->signal);
    printf("firmnessHistogram %d", o);
    for (int k = 0; k < FINE_BINS; k++) printf(" %lld", (long long)x->firmness_histogram[k]);
    printf("\nsignalHistogram %d", o);
    for (int k = 0; k < FINE_BINS; k++) printf(" %lld", (long long)x->signal_histogram[k]);
    printf("\n");
    for (int a = 0; a < m->allies; a++) {
      const AllyTally *y = t->allies + (size_t)o * m->allies + a;
      printf("ally %d %d initialObjection %lld blocker %lld soleBlocker %lld\n", o, a, (long long)y->initial_objection,
             (long long)y->blocker, (long long)y->sole_blocker);
    }
  }
  int segments = blocks <= SEGMENTS ? (int)blocks : SEGMENTS;
  for (int s = 0; s < segments; s++) {
    printf("segment %d passes %lld", s, (long long)t->segment_passes[s]);
    for (int o = 0; o < m->options; o++) {
      const int64_t *c = t->segment_counts + ((size_t)s * m->options + o) * 2;
      printf(" %lld %lld", (long long)c[0], (long long)c[1]);
    }
    printf("\n");
  }
  printf("end\n");
}

static long parse_whole(const char *text, const char *what, long low, long high) {
  char *end;
  double value = strtod(text, &end);
  if (*end != 0 || !(value >= low && value <= high) || value != floor(value)) {
    char detail[512];
    snprintf(detail, sizeof detail, "%s must be a whole number from %ld to %ld, found \"%s\"", what, low, high, text);
    fail("bad argument", detail);
  }
  return (long)value;
}

static const char *USAGE =
    "usage: model1 MODEL_FILE PASSES SEED | model1 --tables | model1 --libm-tables | model1 --stream SEED BLOCK N";

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--tables") == 0) {
    for (int i = 0; i < LAYERS; i++) printf("%.17g %.17g %.17g\n", kn[i], wn[i], fn[i]);
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "--libm-tables") == 0) {
    double k[LAYERS], w[LAYERS], f[LAYERS];
    zigset_libm(k, w, f);
    for (int i = 0; i < LAYERS; i++) printf("%.17g %.17g %.17g\n", k[i], w[i], f[i]);
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--stream") == 0) {
    long block = parse_whole(argv[3], "BLOCK", 0, 4000000), count = parse_whole(argv[4], "N", 0, 100000000);
    Alea g;
    block_stream(&g, argv[2], block);
    for (long k = 0; k < count; k++) printf("%.17g\n", uniform(&g));
    block_stream(&g, argv[2], block);
    for (long k = 0; k < count; k++) printf("%.17g\n", normal(&g));
    return 0;
  }
  if (argc != 4) fail(USAGE, NULL);
  Model m;
  read_model(argv[1], &m);
  long passes = parse_whole(argv[2], "PASSES", 1, 1000000000);
  const char *seed = argv[3];
  if (seed[0] == 0) fail("the seed must not be empty", NULL);

  Tally t;
  t.options = allocate((size_t)m.options, sizeof(OptionTally));
  t.allies = allocate((size_t)m.options * m.allies, sizeof(AllyTally));
  t.segment_passes = allocate(SEGMENTS, sizeof(int64_t));
  t.segment_counts = allocate((size_t)SEGMENTS * m.options * 2, sizeof(int64_t));
  struct timespec start, stop;
  clock_gettime(CLOCK_MONOTONIC, &start);
  run(&m, passes, seed, &t);
  clock_gettime(CLOCK_MONOTONIC, &stop);
  print_tally(&m, passes, seed, &t);
  double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) * 1e-9;
  fprintf(stderr, "model1: %ld passes in %.3f s of the pass loop (%.0f passes/s)\n", passes, seconds, passes / seconds);
  return 0;
}
