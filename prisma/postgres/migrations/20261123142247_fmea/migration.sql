-- CreateTable
CREATE TABLE "FmeaWorksheet" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "serviceId" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FmeaWorksheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FailureMode" (
    "id" TEXT NOT NULL,
    "worksheetId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "effect" TEXT NOT NULL,
    "severity" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "prevention" TEXT NOT NULL,
    "occurrence" INTEGER NOT NULL,
    "detectionControl" TEXT NOT NULL,
    "detection" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "targetDate" TEXT,
    "actionTaken" TEXT NOT NULL,
    "revisedSeverity" INTEGER,
    "revisedOccurrence" INTEGER,
    "revisedDetection" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FailureMode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FmeaLink" (
    "id" TEXT NOT NULL,
    "failureModeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FmeaLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FmeaWorksheet_title_key" ON "FmeaWorksheet"("title");

-- CreateIndex
CREATE INDEX "FmeaWorksheet_serviceId_idx" ON "FmeaWorksheet"("serviceId");

-- CreateIndex
CREATE INDEX "FailureMode_worksheetId_idx" ON "FailureMode"("worksheetId");

-- CreateIndex
CREATE INDEX "FmeaLink_kind_ref_idx" ON "FmeaLink"("kind", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "FmeaLink_failureModeId_kind_ref_key" ON "FmeaLink"("failureModeId", "kind", "ref");

-- AddForeignKey
ALTER TABLE "FmeaWorksheet" ADD CONSTRAINT "FmeaWorksheet_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FailureMode" ADD CONSTRAINT "FailureMode_worksheetId_fkey" FOREIGN KEY ("worksheetId") REFERENCES "FmeaWorksheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FmeaLink" ADD CONSTRAINT "FmeaLink_failureModeId_fkey" FOREIGN KEY ("failureModeId") REFERENCES "FailureMode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

