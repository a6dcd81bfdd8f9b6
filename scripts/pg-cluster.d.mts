export const REPLICA: string;
export type StartedCluster = { primaryUrl: string; replicaUrl: string; password: string; primaryPort: number; replicaPort: number };
export function startCluster(dir: string): Promise<StartedCluster>;
export function stopNode(dir: string, node: "primary" | "replica"): void;
export function restartNode(dir: string, node: "primary" | "replica"): void;
export function promoteReplica(dir: string): void;
export function stopCluster(dir: string): void;
