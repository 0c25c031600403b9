import { loadWageData } from "../content/wages.js";
import { loadCountryPatterns, type OfferEngine } from "./analyze.js";
import { loadSigns } from "./signs.js";

/** Loads and checks everything the offer check needs from content/. */
export function loadOfferEngine(dir?: string): OfferEngine {
  return { signs: loadSigns(dir), wages: loadWageData(dir), countries: loadCountryPatterns(dir) };
}
