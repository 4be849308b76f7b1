package demo

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// cityCentre is Birmingham's centre (Victoria Square), used for the city area.
var cityCentre = civic.GeoPoint{Latitude: 52.4797, Longitude: -1.9027}

// cityCode is the ONS code of the Birmingham local authority district.
const cityCode = "E08000025"

// ward is one of Birmingham's 69 wards as drawn in 2018.
type ward struct {
	name string
	// code is the ONS GSS code. The 2018 wards were coded E05011118 to
	// E05011186 in alphabetical order of name.
	code     string
	lat, lon float64 // approximate centroid, to about half a kilometre
	// pop is the resident population in thousands (ONS mid-2024 estimate,
	// rounded). It weights where people live and organisations are found.
	pop int
	// districts are the postcode districts that cover most of the ward.
	districts []string
	// places are the names residents use for the ward's neighbourhoods; ward
	// names such as "Bromford & Hodge Hill" are rarely used in a group's name.
	places []string
}

// wards lists every ward in alphabetical order, which is also ONS code order.
var wards = []ward{
	{"Acocks Green", "E05011118", 52.4450, -1.8200, 25, []string{"B27"}, []string{"Acocks Green", "Fox Hollies"}},
	{"Allens Cross", "E05011119", 52.4140, -1.9850, 11, []string{"B31"}, []string{"Allens Cross"}},
	{"Alum Rock", "E05011120", 52.4860, -1.8370, 29, []string{"B8"}, []string{"Alum Rock", "Saltley"}},
	{"Aston", "E05011121", 52.5040, -1.8860, 25, []string{"B6"}, []string{"Aston"}},
	{"Balsall Heath West", "E05011122", 52.4570, -1.8960, 13, []string{"B12"}, []string{"Balsall Heath", "Cannon Hill"}},
	{"Bartley Green", "E05011123", 52.4330, -2.0000, 23, []string{"B32"}, []string{"Bartley Green", "Woodgate"}},
	{"Billesley", "E05011124", 52.4240, -1.8650, 22, []string{"B13", "B14"}, []string{"Billesley", "Yardley Wood"}},
	{"Birchfield", "E05011125", 52.5110, -1.9050, 13, []string{"B20"}, []string{"Birchfield"}},
	{"Bordesley & Highgate", "E05011126", 52.4700, -1.8830, 18, []string{"B5", "B12", "B9"}, []string{"Highgate", "Digbeth", "Bordesley"}},
	{"Bordesley Green", "E05011127", 52.4790, -1.8450, 14, []string{"B9"}, []string{"Bordesley Green"}},
	{"Bournbrook & Selly Park", "E05011128", 52.4450, -1.9300, 23, []string{"B29"}, []string{"Bournbrook", "Selly Park"}},
	{"Bournville & Cotteridge", "E05011129", 52.4270, -1.9400, 19, []string{"B30"}, []string{"Bournville", "Cotteridge"}},
	{"Brandwood & King's Heath", "E05011130", 52.4300, -1.8950, 19, []string{"B14"}, []string{"Kings Heath", "Brandwood End"}},
	{"Bromford & Hodge Hill", "E05011131", 52.4960, -1.8000, 23, []string{"B36", "B8"}, []string{"Hodge Hill", "Bromford"}},
	{"Castle Vale", "E05011132", 52.5200, -1.7900, 10, []string{"B35"}, []string{"Castle Vale"}},
	{"Druids Heath & Monyhull", "E05011133", 52.4000, -1.8850, 12, []string{"B14", "B38"}, []string{"Druids Heath", "Monyhull"}},
	{"Edgbaston", "E05011134", 52.4620, -1.9220, 19, []string{"B15"}, []string{"Edgbaston"}},
	{"Erdington", "E05011135", 52.5240, -1.8380, 23, []string{"B23", "B24"}, []string{"Erdington"}},
	{"Frankley Great Park", "E05011136", 52.4010, -1.9990, 12, []string{"B45", "B31"}, []string{"Frankley"}},
	{"Garretts Green", "E05011137", 52.4720, -1.7750, 12, []string{"B33", "B26"}, []string{"Garretts Green"}},
	{"Glebe Farm & Tile Cross", "E05011138", 52.4850, -1.7560, 26, []string{"B33"}, []string{"Tile Cross", "Glebe Farm"}},
	{"Gravelly Hill", "E05011139", 52.5130, -1.8530, 11, []string{"B23"}, []string{"Gravelly Hill"}},
	{"Hall Green North", "E05011140", 52.4400, -1.8400, 26, []string{"B28"}, []string{"Hall Green"}},
	{"Hall Green South", "E05011141", 52.4250, -1.8350, 11, []string{"B28"}, []string{"Hall Green", "Robin Hood"}},
	{"Handsworth", "E05011142", 52.5050, -1.9300, 13, []string{"B21"}, []string{"Handsworth"}},
	{"Handsworth Wood", "E05011143", 52.5180, -1.9330, 21, []string{"B20"}, []string{"Handsworth Wood"}},
	{"Harborne", "E05011144", 52.4600, -1.9530, 23, []string{"B17"}, []string{"Harborne"}},
	{"Heartlands", "E05011145", 52.4880, -1.8500, 14, []string{"B8", "B9"}, []string{"Washwood Heath", "Heartlands"}},
	{"Highter's Heath", "E05011146", 52.4050, -1.8650, 11, []string{"B14"}, []string{"Highter's Heath", "Warstock"}},
	{"Holyhead", "E05011147", 52.5090, -1.9500, 12, []string{"B21"}, []string{"Soho Road", "Holyhead"}},
	{"King's Norton North", "E05011148", 52.4150, -1.9350, 12, []string{"B30"}, []string{"Kings Norton"}},
	{"King's Norton South", "E05011149", 52.3960, -1.9400, 12, []string{"B38"}, []string{"Hawkesley", "Pool Farm"}},
	{"Kingstanding", "E05011150", 52.5420, -1.8870, 22, []string{"B44"}, []string{"Kingstanding"}},
	{"Ladywood", "E05011151", 52.4780, -1.9100, 29, []string{"B1", "B16"}, []string{"Ladywood"}},
	{"Longbridge & West Heath", "E05011152", 52.3950, -1.9750, 22, []string{"B31"}, []string{"Longbridge", "West Heath"}},
	{"Lozells", "E05011153", 52.5050, -1.9050, 13, []string{"B19"}, []string{"Lozells"}},
	{"Moseley", "E05011154", 52.4450, -1.8850, 22, []string{"B13"}, []string{"Moseley"}},
	{"Nechells", "E05011155", 52.4950, -1.8700, 19, []string{"B7"}, []string{"Nechells", "Duddeston"}},
	{"Newtown", "E05011156", 52.4970, -1.9000, 18, []string{"B19"}, []string{"Newtown", "Hockley"}},
	{"North Edgbaston", "E05011157", 52.4800, -1.9400, 24, []string{"B16"}, []string{"Summerfield", "Rotton Park"}},
	{"Northfield", "E05011158", 52.4150, -1.9650, 10, []string{"B31"}, []string{"Northfield"}},
	{"Oscott", "E05011159", 52.5450, -1.8700, 21, []string{"B44"}, []string{"Oscott"}},
	{"Perry Barr", "E05011160", 52.5300, -1.9050, 21, []string{"B42"}, []string{"Perry Barr"}},
	{"Perry Common", "E05011161", 52.5350, -1.8650, 12, []string{"B23", "B44"}, []string{"Perry Common"}},
	{"Pype Hayes", "E05011162", 52.5280, -1.8050, 11, []string{"B24"}, []string{"Pype Hayes"}},
	{"Quinton", "E05011163", 52.4580, -2.0050, 22, []string{"B32"}, []string{"Quinton"}},
	{"Rubery & Rednal", "E05011164", 52.3900, -2.0050, 10, []string{"B45"}, []string{"Rubery", "Rednal"}},
	{"Shard End", "E05011165", 52.4950, -1.7600, 12, []string{"B34"}, []string{"Shard End"}},
	{"Sheldon", "E05011166", 52.4580, -1.7650, 21, []string{"B26"}, []string{"Sheldon"}},
	{"Small Heath", "E05011167", 52.4720, -1.8550, 22, []string{"B10"}, []string{"Small Heath"}},
	{"Soho & Jewellery Quarter", "E05011168", 52.4930, -1.9250, 28, []string{"B18", "B1"}, []string{"Jewellery Quarter", "Winson Green"}},
	{"South Yardley", "E05011169", 52.4550, -1.8100, 12, []string{"B25"}, []string{"South Yardley"}},
	{"Sparkbrook & Balsall Heath East", "E05011170", 52.4630, -1.8780, 28, []string{"B11", "B12"}, []string{"Sparkbrook"}},
	{"Sparkhill", "E05011171", 52.4530, -1.8600, 22, []string{"B11"}, []string{"Sparkhill"}},
	{"Stirchley", "E05011172", 52.4300, -1.9200, 10, []string{"B30"}, []string{"Stirchley"}},
	{"Stockland Green", "E05011173", 52.5230, -1.8600, 25, []string{"B23"}, []string{"Stockland Green"}},
	{"Sutton Four Oaks", "E05011174", 52.5920, -1.8300, 9, []string{"B74"}, []string{"Four Oaks"}},
	{"Sutton Mere Green", "E05011175", 52.5830, -1.8150, 10, []string{"B75"}, []string{"Mere Green"}},
	{"Sutton Reddicap", "E05011176", 52.5650, -1.8000, 10, []string{"B75"}, []string{"Reddicap", "Falcon Lodge"}},
	{"Sutton Roughley", "E05011177", 52.5880, -1.7950, 12, []string{"B75"}, []string{"Roughley"}},
	{"Sutton Trinity", "E05011178", 52.5650, -1.8250, 10, []string{"B72", "B73"}, []string{"Sutton Coldfield"}},
	{"Sutton Vesey", "E05011179", 52.5500, -1.8450, 20, []string{"B73"}, []string{"Boldmere"}},
	{"Sutton Walmley & Minworth", "E05011180", 52.5380, -1.7700, 16, []string{"B76"}, []string{"Walmley", "Minworth"}},
	{"Sutton Wylde Green", "E05011181", 52.5450, -1.8200, 9, []string{"B72", "B73"}, []string{"Wylde Green"}},
	{"Tyseley & Hay Mills", "E05011182", 52.4600, -1.8350, 12, []string{"B11", "B25"}, []string{"Tyseley", "Hay Mills"}},
	{"Ward End", "E05011183", 52.4930, -1.8200, 14, []string{"B8"}, []string{"Ward End"}},
	{"Weoley & Selly Oak", "E05011184", 52.4400, -1.9600, 24, []string{"B29"}, []string{"Selly Oak", "Weoley Castle"}},
	{"Yardley East", "E05011185", 52.4750, -1.7900, 12, []string{"B33"}, []string{"Kitts Green", "Yardley"}},
	{"Yardley West & Stechford", "E05011186", 52.4800, -1.8050, 14, []string{"B33", "B26"}, []string{"Stechford"}},
}

// wardIndex returns the index of the ward with the given name. It panics on
// an unknown name because every name it is given is written in this package.
func wardIndex(name string) int {
	for i, w := range wards {
		if w.name == name {
			return i
		}
	}
	panic("demo: unknown ward " + name)
}

// centroid returns the ward's centroid as a point.
func (w ward) centroid() civic.GeoPoint { return civic.GeoPoint{Latitude: w.lat, Longitude: w.lon} }

// postcodeUnitLetters are the letters Royal Mail uses in the last two
// characters of a postcode (never C, I, K, M, O or V).
const postcodeUnitLetters = "ABDEFGHJLNPQRSTUWXYZ"

// postcode returns a postcode in one of the ward's districts. These are demo
// postcodes: they have the right shape and district but were never looked
// up, so any one of them may or may not be a real delivery address.
func (w ward) postcode(r *rand.Rand) string {
	d := w.districts[r.IntN(len(w.districts))]
	l := postcodeUnitLetters
	return fmt.Sprintf("%s %d%c%c", d, r.IntN(10), l[r.IntN(len(l))], l[r.IntN(len(l))])
}

// kmPerDegreeLat is the length of a degree of latitude.
const kmPerDegreeLat = 111.32

// jitter returns a point up to maxKm from p, uniformly spread over the disc,
// rounded to six decimal places (about 10 cm) so the data reads cleanly.
func jitter(r *rand.Rand, p civic.GeoPoint, maxKm float64) *civic.GeoPoint {
	d := maxKm * math.Sqrt(r.Float64())
	theta := 2 * math.Pi * r.Float64()
	lat := p.Latitude + d*math.Cos(theta)/kmPerDegreeLat
	lon := p.Longitude + d*math.Sin(theta)/(kmPerDegreeLat*math.Cos(p.Latitude*math.Pi/180))
	return &civic.GeoPoint{Latitude: round6(lat), Longitude: round6(lon)}
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// distanceKm is the distance between two points. An equirectangular
// approximation is accurate to well under 1% across a city.
func distanceKm(a, b civic.GeoPoint) float64 {
	midLat := (a.Latitude + b.Latitude) / 2 * math.Pi / 180
	dx := (b.Longitude - a.Longitude) * math.Cos(midLat)
	dy := b.Latitude - a.Latitude
	return math.Hypot(dx, dy) * kmPerDegreeLat
}
