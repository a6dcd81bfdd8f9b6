-- CreateTable
CREATE TABLE "IngestLog" (
    "id" SERIAL NOT NULL,
    "samples" INTEGER NOT NULL,
    "payload" BYTEA NOT NULL,

    CONSTRAINT "IngestLog_pkey" PRIMARY KEY ("id")
);

