import { KafkaTopics, liveDetectionsSubject, NatsSubjects } from './messaging';

describe('wire names', () => {
  it('are unique, so no two contracts share a subject or topic', () => {
    const subjects = Object.values(NatsSubjects);
    expect(new Set(subjects).size).toBe(subjects.length);
    const topics = Object.values(KafkaTopics);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('version every Kafka topic so payload changes get a new name', () => {
    for (const topic of Object.values(KafkaTopics)) expect(topic).toMatch(/\.v\d+$/);
  });

  it("give each camera's live detections a subject of its own under one prefix", () => {
    expect(liveDetectionsSubject(42)).toBe('live.detections.42');
    expect(liveDetectionsSubject(42).startsWith(`${NatsSubjects.liveDetections}.`)).toBe(true);
  });
});
