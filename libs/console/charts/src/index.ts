export * from './lib/line-chart.component';
export * from './lib/scale';
