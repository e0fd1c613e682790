/**
 * Chart.js with only the parts the dashboard draws (bars and lines on category/linear
 * scales), registered once. Imported lazily by chart.tsx, so it is a chunk of its own
 * that only the dashboard loads.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
