export * from "./alert-tiers";
export * from "./burn-rate";
export * from "./counter-increase";
export * from "./error-budget";
export * from "./slo-math";
export * from "./timeslice-budget";
export * from "./window-bounds";
