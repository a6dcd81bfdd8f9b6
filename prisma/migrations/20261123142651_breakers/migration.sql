-- CreateTable
CREATE TABLE "Breaker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "dependency" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "library" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "stateSince" DATETIME NOT NULL,
    "initialState" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "rejectedTotal" REAL NOT NULL DEFAULT 0,
    "failureRate" REAL,
    "failureThreshold" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BreakerTransition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "breakerId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    CONSTRAINT "BreakerTransition_breakerId_fkey" FOREIGN KEY ("breakerId") REFERENCES "Breaker" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BreakerSeries" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "lastT" BIGINT NOT NULL,
    "lastV" REAL NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Breaker_key_key" ON "Breaker"("key");

-- CreateIndex
CREATE INDEX "Breaker_service_idx" ON "Breaker"("service");

-- CreateIndex
CREATE INDEX "BreakerTransition_at_idx" ON "BreakerTransition"("at");

-- CreateIndex
CREATE UNIQUE INDEX "BreakerTransition_breakerId_at_to_key" ON "BreakerTransition"("breakerId", "at", "to");

-- CreateIndex
CREATE INDEX "BreakerSeries_scope_idx" ON "BreakerSeries"("scope");

