-- CreateTable
CREATE TABLE "Series" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "lastT" BIGINT,
    "lastV" REAL,
    "lastStart" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Rollup1m" (
    "seriesId" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "increase" REAL NOT NULL,
    "deltas" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "last" REAL NOT NULL,

    PRIMARY KEY ("seriesId", "minute"),
    CONSTRAINT "Rollup1m_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rollup1h" (
    "seriesId" INTEGER NOT NULL,
    "hour" INTEGER NOT NULL,
    "increase" REAL NOT NULL,
    "deltas" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "last" REAL NOT NULL,

    PRIMARY KEY ("seriesId", "hour"),
    CONSTRAINT "Rollup1h_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Series_key_key" ON "Series"("key");

-- CreateIndex
CREATE INDEX "Series_metric_idx" ON "Series"("metric");

-- CreateIndex
CREATE INDEX "Rollup1m_minute_idx" ON "Rollup1m"("minute");

-- CreateIndex
CREATE INDEX "Rollup1h_hour_idx" ON "Rollup1h"("hour");

