-- CreateTable
CREATE TABLE "Series" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "lastT" BIGINT,
    "lastV" DOUBLE PRECISION,
    "lastStart" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rollup1m" (
    "seriesId" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "increase" DOUBLE PRECISION NOT NULL,
    "deltas" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Rollup1m_pkey" PRIMARY KEY ("seriesId","minute")
);

-- CreateTable
CREATE TABLE "Rollup1h" (
    "seriesId" INTEGER NOT NULL,
    "hour" INTEGER NOT NULL,
    "increase" DOUBLE PRECISION NOT NULL,
    "deltas" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Rollup1h_pkey" PRIMARY KEY ("seriesId","hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "Series_key_key" ON "Series"("key");

-- CreateIndex
CREATE INDEX "Series_metric_idx" ON "Series"("metric");

-- CreateIndex
CREATE INDEX "Rollup1m_minute_idx" ON "Rollup1m"("minute");

-- CreateIndex
CREATE INDEX "Rollup1h_hour_idx" ON "Rollup1h"("hour");

-- AddForeignKey
ALTER TABLE "Rollup1m" ADD CONSTRAINT "Rollup1m_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rollup1h" ADD CONSTRAINT "Rollup1h_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

