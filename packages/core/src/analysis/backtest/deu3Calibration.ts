/**
 * The default calibration of `concert backtest`: the backtest model fitted on the DEU III training
 * half (odd-numbered proposals) by `pnpm calibrate` (examples/calibration/calibrate-deu3.ts), with
 * cross-validation by proposal. Generated: do not edit; the same object is
 * examples/calibration/deu3.json (a test checks that they agree).
 */
import type { Calibration } from './calibrationFile.js';

/** The calibration fitted on the DEU III training half (examples/calibration/deu3.json). */
export const DEU3_CALIBRATION: Calibration = {
  "format": "concert-calibration",
  "version": 1,
  "model": {
    "protocol": "compromise",
    "recognition": 0.2,
    "influenceExponent": 1,
    "positionUncertainty": 0,
    "salienceUncertainty": 3,
    "veto": false,
    "solidarityCost": 0,
    "chair": {
      "maxRounds": 3,
      "step": 0.5,
      "maxDrift": 0.15
    },
    "missingStatusQuo": 0
  },
  "fitted": {
    "dataset": "deu3-train.tsv",
    "sha256": "af28d4b9f0e6803d213012aa1a27d5927d2726f732a05a3de7ce8eef5c044e88",
    "issues": 180,
    "proposals": 68,
    "seed": 1,
    "passes": 400,
    "evaluationPasses": 2000,
    "folds": 10,
    "selection": "lowest mean CRPS among candidates whose central 80% intervals contain 72-88% of the training outcomes (lowest CRPS of all when none does)",
    "candidates": 140,
    "shippedOnTraining": {
      "crps": 13.835891144181728,
      "coverage80": 0.8611111111111112,
      "metBand": true
    },
    "foldChoices": [
      {
        "fold": 0,
        "issues": 21,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.732090492108938
      },
      {
        "fold": 1,
        "issues": 14,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 3, no veto",
        "trainingCrps": 13.716549555041839
      },
      {
        "fold": 2,
        "issues": 24,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.782308800765827
      },
      {
        "fold": 3,
        "issues": 13,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 3, no veto",
        "trainingCrps": 14.130305276802835
      },
      {
        "fold": 4,
        "issues": 20,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.925704920369359
      },
      {
        "fold": 5,
        "issues": 18,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 3, no veto",
        "trainingCrps": 13.465926391992792
      },
      {
        "fold": 6,
        "issues": 16,
        "model": "compromise, recognition 0.2, influence^0.5, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.933513018526341
      },
      {
        "fold": 7,
        "issues": 20,
        "model": "compromise, recognition 0.2, influence^0.5, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.713208126637221
      },
      {
        "fold": 8,
        "issues": 14,
        "model": "compromise, recognition 0.2, influence^1, position sd 0, salience log-sd 3, no veto",
        "trainingCrps": 14.196388040463534
      },
      {
        "fold": 9,
        "issues": 20,
        "model": "compromise, recognition 0.2, influence^0.5, position sd 0, salience log-sd 2, no veto",
        "trainingCrps": 13.497846820615303
      }
    ],
    "outOfFold": {
      "concert": {
        "issues": 180,
        "mae": 20.28119981768296,
        "rmse": 27.83815932657438,
        "crps": 14.135434263158386,
        "coverage": {
          "0.5": 0.4444444444444444,
          "0.8": 0.8388888888888889,
          "0.95": 0.9833333333333333
        },
        "pitHistogram": [
          24,
          21,
          13,
          19,
          12,
          19,
          16,
          11,
          16,
          29
        ],
        "width80": 64.54180057319773
      },
      "salienceWeightMean": {
        "issues": 180,
        "mae": 20.48396599630701,
        "rmse": 26.75524234899963,
        "crps": 20.48396599630701,
        "coverage": {
          "0.5": 0,
          "0.8": 0,
          "0.95": 0
        },
        "pitHistogram": [
          94,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          86
        ],
        "width80": 0
      },
      "salienceMean": {
        "issues": 180,
        "mae": 21.387576223605542,
        "rmse": 27.153140453172114,
        "crps": 21.387576223605542,
        "coverage": {
          "0.5": 0,
          "0.8": 0,
          "0.95": 0
        },
        "pitHistogram": [
          86,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          94
        ],
        "width80": 0
      },
      "differenceFromSalienceWeightMean": {
        "crps": {
          "estimate": -6.34853173314861,
          "lower": -7.698874703895136,
          "upper": -4.940550494246404,
          "shareBelowZero": 1
        },
        "mae": {
          "estimate": -0.2027661786240387,
          "lower": -1.6001551802091198,
          "upper": 1.2658046464882227,
          "shareBelowZero": 0.6105
        }
      }
    },
    "inSample": {
      "concert": {
        "issues": 180,
        "mae": 19.561087531981542,
        "rmse": 27.829916391192466,
        "crps": 13.823895091617027,
        "coverage": {
          "0.5": 0.4888888888888889,
          "0.8": 0.8666666666666667,
          "0.95": 0.9888888888888889
        },
        "pitHistogram": [
          22,
          19,
          11,
          24,
          13,
          21,
          20,
          10,
          16,
          24
        ],
        "width80": 71.10948226415108
      },
      "salienceWeightMean": {
        "issues": 180,
        "mae": 20.48396599630701,
        "rmse": 26.75524234899963,
        "crps": 20.48396599630701,
        "coverage": {
          "0.5": 0,
          "0.8": 0,
          "0.95": 0
        },
        "pitHistogram": [
          94,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          86
        ],
        "width80": 0
      },
      "salienceMean": {
        "issues": 180,
        "mae": 21.387576223605542,
        "rmse": 27.153140453172114,
        "crps": 21.387576223605542,
        "coverage": {
          "0.5": 0,
          "0.8": 0,
          "0.95": 0
        },
        "pitHistogram": [
          86,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          94
        ],
        "width80": 0
      },
      "differenceFromSalienceWeightMean": {
        "crps": {
          "estimate": -6.6600709046899835,
          "lower": -8.118813551295696,
          "upper": -5.150587910241406,
          "shareBelowZero": 1
        },
        "mae": {
          "estimate": -0.9228784643254447,
          "lower": -2.6000315151875593,
          "upper": 0.8663200502043367,
          "shareBelowZero": 0.858
        }
      }
    }
  }
};
