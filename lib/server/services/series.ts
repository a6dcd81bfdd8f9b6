import "server-only";
import * as repo from "../repos/series";

export const findSeriesMinutes = repo.findSeriesMinutes;
